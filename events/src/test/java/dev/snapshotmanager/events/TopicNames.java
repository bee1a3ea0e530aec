package dev.snapshotmanager.events;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/** The topic names declared as constants in {@link Topics}, found by reflection so that a new one cannot be missed. */
final class TopicNames {

    private TopicNames() {
    }

    static List<String> all() {
        List<String> topics = new ArrayList<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    topics.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return topics;
    }
}
