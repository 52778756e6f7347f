package io.reactory.workflow.persistence;

/**
 * An audit record as stored: numbered and chained. {@code hash} is {@link AuditChain#hash(String, long, AuditRecord)}
 * of the previous entry's hash, this entry's sequence number and its record, so editing, removing or reordering any
 * stored entry breaks the chain from there on.
 *
 * @param seq          1 for the first entry, then consecutive
 * @param previousHash the hash of entry {@code seq - 1}, or {@link AuditChain#GENESIS} for the first
 */
public record AuditEntry(long seq, AuditRecord record, String previousHash, String hash) {}
