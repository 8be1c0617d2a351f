package org.credanalytics.loadgen.gen;

/**
 * The metadata object of a generated event. Fields that do not apply to an event kind are null
 * (or 0 for numbers) and are left out of the JSON.
 */
public record Metadata(
        String credentialType,
        String recipientId,
        String recipientLocation,
        long issuerId,
        int processingTimeMs,
        String credentialId,
        String viewerId,
        String viewerLocation,
        String channel) {

    static Metadata issued(String credentialType, String recipientId, String recipientLocation,
                           long issuerId, int processingTimeMs) {
        return new Metadata(credentialType, recipientId, recipientLocation, issuerId, processingTimeMs,
                null, null, null, null);
    }

    static Metadata viewed(Issuance of, String viewerId, String viewerLocation) {
        return new Metadata(of.credentialType(), of.recipientId(), of.recipientLocation(), 0, 0,
                of.credentialId(), viewerId, viewerLocation, null);
    }

    static Metadata shared(Issuance of, String channel) {
        return new Metadata(of.credentialType(), of.recipientId(), of.recipientLocation(), 0, 0,
                of.credentialId(), null, null, channel);
    }
}
