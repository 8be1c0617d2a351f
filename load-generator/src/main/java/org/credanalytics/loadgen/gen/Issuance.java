package org.credanalytics.loadgen.gen;

/** What a view or share needs to know about the credential it refers to. */
record Issuance(long institutionId, String credentialId, String credentialType,
                String recipientId, String recipientLocation) {
}
