package io.reactory.workflow.internal;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Time-ordered identifiers in UUID version 7 layout (48-bit milliseconds, then random bits), so ids sort roughly
 * by creation and index well. Random bits come from {@link ThreadLocalRandom}: ids must be unique, not secret, and
 * SecureRandom would contend at engine start rates.
 */
public final class Ids {
    private Ids() {}

    public static String newId(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (epochMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
