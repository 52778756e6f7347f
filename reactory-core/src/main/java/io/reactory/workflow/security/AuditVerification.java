package io.reactory.workflow.security;

/**
 * The result of checking the audit chain from its first entry.
 *
 * <p>An intact chain proves that no entry was changed, removed or reordered <em>relative to its head</em>; someone
 * able to rewrite the whole store could rebuild a consistent chain. Record {@code headSeq} and {@code headHash}
 * somewhere the store's writers cannot reach (a ticket, another system's log) and compare them later: the entry with
 * that number must still carry that hash.
 *
 * @param intact         true when every entry's hash matches its contents and its predecessor
 * @param entriesChecked entries read
 * @param firstBrokenSeq the first entry that does not match, or null when intact
 * @param problem        what is wrong there (edited contents, a gap, a broken link), or null
 * @param headSeq        when intact: the number of the last entry (0 for an empty log); null when broken
 * @param headHash       when intact: the hash of the last entry ({@code AuditChain.GENESIS} for an empty log); null
 *                       when broken
 */
public record AuditVerification(boolean intact, long entriesChecked, Long firstBrokenSeq, String problem, Long headSeq,
                                String headHash) {}
