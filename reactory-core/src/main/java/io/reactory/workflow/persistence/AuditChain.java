package io.reactory.workflow.persistence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How audit entries are chained, the same for every store: SHA-256 over the previous hash, the sequence number and
 * every field of the record in a fixed order, each field length-prefixed so no two different records serialise
 * alike. Stores call {@link #link} while they hold the head of the chain (one writer at a time).
 */
public final class AuditChain {
    /** The "previous hash" of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {}

    /** The entry that follows {@code previous} (null for the first entry). */
    public static AuditEntry link(AuditEntry previous, AuditRecord record) {
        long seq = previous == null ? 1 : previous.seq() + 1;
        String previousHash = previous == null ? GENESIS : previous.hash();
        return new AuditEntry(seq, record, previousHash, hash(previousHash, seq, record));
    }

    /** The hash an entry with these contents must carry. */
    public static String hash(String previousHash, long seq, AuditRecord r) {
        StringBuilder text = new StringBuilder(256);
        field(text, previousHash);
        field(text, Long.toString(seq));
        // the whole instant as ISO-8601 (microseconds, as records keep it): an edit of any stored digit shows
        field(text, r.at().toString());
        field(text, r.actor());
        field(text, r.namespace());
        field(text, r.action());
        field(text, r.target());
        field(text, r.outcome().name());
        field(text, Integer.toString(r.status()));
        field(text, r.sourceAddress());
        field(text, r.requestId());
        field(text, r.detail());
        return HexFormat.of().formatHex(sha256().digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static void field(StringBuilder text, String value) {
        if (value == null) {
            text.append("-1:");
        } else {
            text.append(value.length()).append(':').append(value);
        }
        text.append('|');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
