package org.kernelhandles.scenario;

/** How numbers read in traces and reports. */
final class Hex {
    private Hex() {}

    /** A handle value: hex, with the pseudo handles and the failure values spelled out. */
    static String handle(long value) {
        if (value == 0) {
            return "NULL";
        }
        if (value < 0) {
            return Long.toString(value);
        }
        return "0x" + Long.toHexString(value).toUpperCase(java.util.Locale.ROOT);
    }

    static String of(long value) {
        return "0x" + Long.toHexString(value).toUpperCase(java.util.Locale.ROOT);
    }
}
