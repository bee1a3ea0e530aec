package dev.snapshotmanager.policy.service;

/**
 * A CDI event: something a volume's resolution depends on (an exclusion, assignment, rule, policy set or an
 * inventory volume) changes in the current transaction. Once it commits, {@link VolumePoliciesPublisher} runs a pass
 * soon instead of waiting for its interval.
 */
public record ResolutionInputsChanged(String what) {
}
