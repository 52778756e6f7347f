package io.reactory.workflow.security;

/**
 * The result of checking the audit chain from its first entry.
 *
 * @param intact         true when every entry's hash matches its contents and its predecessor
 * @param entriesChecked entries read
 * @param firstBrokenSeq the first entry that does not match, or null when intact
 * @param problem        what is wrong there (edited contents, a gap, a broken link), or null
 */
public record AuditVerification(boolean intact, long entriesChecked, Long firstBrokenSeq, String problem) {}
