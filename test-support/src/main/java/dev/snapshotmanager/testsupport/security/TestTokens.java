package dev.snapshotmanager.testsupport.security;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Real RS256-signed access tokens shaped like Keycloak's (realm {@code snapshots}): {@code realm_access.roles},
 * {@code preferred_username}, the {@code tenants} claim and the suite's audience. The key pair is made once per
 * JVM (kept in system properties so every class loader signs with the same key); the services under test verify
 * the signature with its public key ({@link TestTokensResource}), so the security layer runs for real.
 */
public final class TestTokens {

    public static final String ISSUER = "https://keycloak.test/realms/snapshots";
    public static final String AUDIENCE = "snapshot-manager";
    private static final String PROP_PRIVATE = "snapshot.test.tokens.private-key";
    private static final String PROP_PUBLIC = "snapshot.test.tokens.public-key";
    private static final List<String> ROLE_ORDER = List.of("viewer", "operator", "admin", "superadmin");

    private TestTokens() {
    }

    /** A token for {@code user} holding {@code role} (and the roles it includes), over all tenants. */
    public static String forRole(String user, String role) {
        return token(user, role, null);
    }

    /** A token for {@code user} holding {@code role}, limited to {@code tenants} (project ids). */
    public static String forTenants(String user, String role, Collection<String> tenants) {
        return token(user, role, tenants);
    }

    /** A token that expired a minute ago. */
    public static String expired(String user, String role) {
        return builder(user, role, null).issuedAt(now() - 3600).expiresAt(now() - 60).jws().sign(privateKey());
    }

    /** A token signed by some other key: its signature does not verify. */
    public static String forged(String user, String role) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return builder(user, role, null).jws().sign(generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key that verifies these tokens, Base64 X.509 (for {@code quarkus.oidc.public-key}). */
    public static String publicKey() {
        keys();
        return System.getProperty(PROP_PUBLIC);
    }

    private static String token(String user, String role, Collection<String> tenants) {
        return builder(user, role, tenants).jws().sign(privateKey());
    }

    private static JwtClaimsBuilder builder(String user, String role, Collection<String> tenants) {
        Set<String> roles = new LinkedHashSet<>(ROLE_ORDER.subList(0, ROLE_ORDER.indexOf(role) + 1));
        JwtClaimsBuilder jwt = Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("sub-" + user)
                .claim("preferred_username", user)
                .claim("realm_access", Map.of("roles", List.copyOf(roles)))
                .expiresIn(Duration.ofHours(1));
        if (tenants != null) {
            jwt.claim("tenants", List.copyOf(tenants));
        }
        return jwt;
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static PrivateKey privateKey() {
        keys();
        try {
            byte[] der = Base64.getDecoder().decode(System.getProperty(PROP_PRIVATE));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized void keys() {
        if (System.getProperty(PROP_PRIVATE) != null) {
            return;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            System.setProperty(PROP_PUBLIC, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
            System.setProperty(PROP_PRIVATE, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
