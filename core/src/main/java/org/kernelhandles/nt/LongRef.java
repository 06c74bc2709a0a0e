package org.kernelhandles.nt;

/** An out parameter holding a number, as C's {@code PHANDLE}, {@code LPDWORD} and the like. */
public final class LongRef {
    public long value;

    public LongRef() {}

    public LongRef(long value) {
        this.value = value;
    }

    public long get() {
        return value;
    }

    public void set(long value) {
        this.value = value;
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
