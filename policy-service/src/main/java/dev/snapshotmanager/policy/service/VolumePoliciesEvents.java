package dev.snapshotmanager.policy.service;

import dev.snapshotmanager.events.EventJson;
import dev.snapshotmanager.events.ExpectedPolicy;
import dev.snapshotmanager.events.ResolutionStep;
import dev.snapshotmanager.events.VolumePoliciesV1;
import dev.snapshotmanager.policy.domain.resolution.EffectivePolicy;
import dev.snapshotmanager.policy.domain.resolution.Resolution;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * What policy-service publishes about one volume on {@code snapshot.volume-policies.v1}: the event of a resolution,
 * its digest (the content without {@code resolvedAt} and the policies' {@code since}, so that an unchanged
 * resolution is not published again) and since when each policy applies. Pure functions.
 */
final class VolumePoliciesEvents {

    private VolumePoliciesEvents() {
    }

    /**
     * The event of a volume's resolution at {@code now}.
     *
     * @param excludedUntil the deciding exclusion's end (ignored unless an exclusion decided)
     * @param previousSince since when each policy was published before (by {@link #key})
     * @param newSince      since when a policy not in {@code previousSince} applies
     */
    static VolumePoliciesV1 event(String volumeId, String projectId, Resolution resolution, Instant excludedUntil,
            Map<String, Instant> previousSince, Function<EffectivePolicy, Instant> newSince, Instant now) {
        return new VolumePoliciesV1(volumeId, false, projectId, resolution.decidedBy(), resolution.reason(),
                resolution.decidedBy() == ResolutionStep.EXCLUSION ? excludedUntil : null,
                resolution.policies().stream().map(p -> {
                    Instant since = previousSince.get(key(p.policySetId(), p.policyName()));
                    return new ExpectedPolicy(p.policySetId(), p.policySetName(), p.policyName(), p.cron(),
                            p.timeZone(), since != null ? since : newSince.apply(p));
                }).toList(),
                now);
    }

    /**
     * Since when a policy applies to a volume published for the first time: the latest of the given lower bounds
     * (the volume's creation, the creation of the policy's set and of the deciding rule), never after {@code now},
     * and {@code now} when none is known. A first publication happens when a volume appears, and for every volume when
     * publication starts on an existing installation: there, "now" would make a volume whose snapshots are already
     * overdue PENDING until the next slot instead of MISSING. A policy that appears for a volume already published
     * starts at the pass that finds it.
     */
    static Instant firstSince(Instant now, Instant... lowerBounds) {
        Instant since = null;
        for (Instant bound : lowerBounds) {
            if (bound != null && (since == null || bound.isAfter(since))) {
                since = bound;
            }
        }
        return since == null || since.isAfter(now) ? now : since;
    }

    /** SHA-256 (hex) of the event's JSON without {@code resolvedAt} and the policies' {@code since}. */
    static String digest(VolumePoliciesV1 event) {
        VolumePoliciesV1 content = new VolumePoliciesV1(event.volumeId(), event.removed(), event.projectId(),
                event.decidedBy(), event.reason(), event.excludedUntil(), event.policies().stream()
                        .map(p -> new ExpectedPolicy(p.policySetId(), p.policySetName(), p.policyName(), p.cron(),
                                p.timeZone(), null)).toList(), null);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(EventJson.toJson(content).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Since when each policy of the event applies, by {@link #key}. */
    static Map<String, Instant> since(VolumePoliciesV1 event) {
        Map<String, Instant> since = new LinkedHashMap<>();
        event.policies().forEach(p -> since.putIfAbsent(key(p.policySetId(), p.policyName()), p.since()));
        return since;
    }

    /** A policy's key in the publication table: {@code <policySetId>/<policyName>}. */
    static String key(UUID policySetId, String policyName) {
        return policySetId + "/" + policyName;
    }
}
