package org.kernelhandles.executive.handles;

/**
 * Which value a table hands out next (R8). "Fresh" values are those above every value ever in use
 * (handed out, or placed by {@link HandleTable#insertAt}); the next fresh value is the lowest of
 * them. A table that holds its maximum number of entries hands out nothing (R9), whatever the
 * policy.
 */
public enum ReusePolicy {
    /** Most recently freed first: what Windows does. The default. */
    LIFO,
    /**
     * Oldest freed first, and no reuse at all until at least {@value #FIFO_HOLD_BACK} values are
     * free (or the table cannot grow, because every value up to its maximum has been handed out):
     * what Windows does under handle tracing or Application Verifier. With 99 values free a new
     * entry gets a fresh value; with 100 free it gets the oldest freed one.
     */
    FIFO,
    /** Lowest free value first (a fresh value only when none is free): what Wine does. */
    LOWEST,
    /** No reuse until the table has handed out every value it can hold; then oldest freed first. */
    NEVER;

    public static final int FIFO_HOLD_BACK = 100;
}
