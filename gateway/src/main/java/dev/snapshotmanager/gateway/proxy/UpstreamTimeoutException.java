package dev.snapshotmanager.gateway.proxy;

import java.time.Duration;

/** A proxied request was given up because the service's answer had not begun in time. */
final class UpstreamTimeoutException extends RuntimeException {

    UpstreamTimeoutException(Duration timeout) {
        super("no answer within " + timeout.toSeconds() + " s", null, false, false);
    }
}
