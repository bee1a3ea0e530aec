package dev.snapshotmanager.emulator.model;

/** A volume's attachment to a Nova server; {@code attachedAt} in epoch microseconds. */
public record Attachment(String attachmentId, String serverId, String hostName, String device, long attachedAt) {
}
