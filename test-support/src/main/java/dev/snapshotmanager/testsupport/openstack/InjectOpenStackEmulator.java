package dev.snapshotmanager.testsupport.openstack;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an {@code OpenStackEmulator} field of a {@code @QuarkusTest} to receive the emulator started by
 * {@link OpenStackEmulatorResource}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectOpenStackEmulator {
}
