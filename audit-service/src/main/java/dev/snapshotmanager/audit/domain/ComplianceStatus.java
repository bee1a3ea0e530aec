package dev.snapshotmanager.audit.domain;

/** DOMAIN.md "Compliance", per volume and policy. */
public enum ComplianceStatus {
    /** The newest snapshot is younger than the policy's interval plus the grace. */
    COMPLIANT,
    /** The newest snapshot is older than that, or there is none although a slot has passed. */
    MISSING,
    /** No slot has passed since the volume got the policy. */
    PENDING,
    /** The latest attempt was blocked by the project's quota (and no fresh snapshot exists). */
    QUOTA_BLOCKED,
    /**
     * No policy on purpose: an exclusion, an assignment or rule that opts out, or Cinder metadata
     * {@code auto_snapshot} false.
     */
    EXCLUDED,
    /** No policy applies to the volume. */
    UNCOVERED
}
