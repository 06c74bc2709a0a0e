package org.kernelhandles.scenario;

import org.kernelhandles.nt.LongRef;
import org.kernelhandles.win32.SecurityAttributes;

/**
 * A call's evaluated arguments, read by position as the function's parameters say. Out
 * parameters are holders the interpreter binds to their variables after the call; a NULL out
 * argument reads as null.
 */
final class Arguments {
    private final Object[] values;

    Arguments(Object[] values) {
        this.values = values;
    }

    long number(int i) {
        return (Long) values[i];
    }

    /** A DWORD argument: the low 32 bits, as C would pass it. */
    int dword(int i) {
        return (int) number(i);
    }

    boolean bool(int i) {
        return number(i) != 0;
    }

    String string(int i) {
        return (String) values[i];
    }

    SecurityAttributes securityAttributes(int i) {
        return number(i) == 0 ? null : SecurityAttributes.INHERIT;
    }

    LongRef out(int i) {
        return (LongRef) values[i];
    }

    StringBuilder outText(int i) {
        return (StringBuilder) values[i];
    }

    long[] handles(int i) {
        return (long[]) values[i];
    }
}
