package org.kernelhandles.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kernelhandles.executive.NtStatus;
import org.kernelhandles.scenario.ScenarioFunction.Kind;
import org.kernelhandles.scenario.ScenarioFunction.Param;
import org.kernelhandles.scenario.ScenarioFunction.Result;
import org.kernelhandles.scenario.syntax.Expr;
import org.kernelhandles.scenario.syntax.OutRef;

/**
 * How values read in a trace and compare in an expectation: results by what the function returns
 * (TRUE, 0x4, WAIT_OBJECT_0 + 1, STATUS_HANDLE_NOT_CLOSABLE), arguments by their parameter
 * (flags and codes by their constants' names), and the one equality expectations use.
 */
final class ValueText {
    private ValueText() {}

    /** How a variable's value reads in the trace. */
    enum Display { HANDLE, HEX, DECIMAL, TEXT }

    /**
     * Numbers are equal when they are, or when both fit in 32 bits and their 32-bit patterns are
     * (so {@code -1} matches a DWORD {@code 0xFFFFFFFF}, as it would in C).
     */
    static boolean same(Object expected, Object actual) {
        if (expected instanceof Long a && actual instanceof Long b) {
            if (a.longValue() == b.longValue()) {
                return true;
            }
            return fits32(a) && fits32(b) && (a & 0xFFFFFFFFL) == (b & 0xFFFFFFFFL);
        }
        return expected.equals(actual);
    }

    static boolean fits32(long v) {
        return v >= Integer.MIN_VALUE && v <= 0xFFFFFFFFL;
    }

    static boolean failed(long value, Result kind) {
        return switch (kind) {
            case BOOL, HANDLE, ID -> value == 0;
            case HANDLE_OR_INVALID -> value == -1;
            case WAIT -> value == 0xFFFFFFFFL;
            case NTSTATUS -> !NtStatus.isSuccess((int) value);
            case NUMBER, VOID -> false;
        };
    }

    /** An NTSTATUS is its own error report: the {@code Nt*} layer leaves the last error alone. */
    static boolean setsLastError(Result kind) {
        return kind != Result.NTSTATUS;
    }

    static String render(long value, Result kind) {
        return switch (kind) {
            case BOOL -> value == 0 ? "FALSE" : value == 1 ? "TRUE" : Long.toString(value);
            case HANDLE -> Hex.handle(value);
            case HANDLE_OR_INVALID -> value == -1 ? "INVALID_HANDLE_VALUE" : Hex.handle(value);
            case WAIT -> waitResult(value);
            case NTSTATUS -> NtStatus.name((int) value);
            case ID, NUMBER -> Long.toString(value);
            case VOID -> "(no value)";
        };
    }

    static String waitResult(long value) {
        if (value == 0x102) {
            return "WAIT_TIMEOUT";
        }
        if (value == 0xFFFFFFFFL) {
            return "WAIT_FAILED";
        }
        if (value >= 0x80 && value < 0x80 + 64) {
            return value == 0x80 ? "WAIT_ABANDONED" : "WAIT_ABANDONED_0 + " + (value - 0x80);
        }
        if (value >= 0 && value < 64) {
            return value == 0 ? "WAIT_OBJECT_0" : "WAIT_OBJECT_0 + " + value;
        }
        return Long.toString(value);
    }

    static Display displayOf(Result kind) {
        return switch (kind) {
            case HANDLE, HANDLE_OR_INVALID -> Display.HANDLE;
            default -> Display.DECIMAL;
        };
    }

    static Display displayOfOut(Param p) {
        return p.name().startsWith("h") ? Display.HANDLE : p.name().equals("flags") ? Display.HEX : Display.DECIMAL;
    }

    static Display displayFor(Object kindOrDisplay) {
        return kindOrDisplay instanceof Result r ? displayOf(r) : (Display) kindOrDisplay;
    }

    static String show(Object value, Display display) {
        if (value instanceof String s) {
            return quote(s);
        }
        long v = (Long) value;
        return switch (display) {
            case HANDLE -> Hex.handle(v);
            case HEX -> Hex.of(v);
            case DECIMAL, TEXT -> Long.toString(v);
        };
    }

    static String showArgument(Param p, Expr arg, Object value) {
        return switch (p.kind()) {
            case OUT, OUT_TEXT -> arg instanceof OutRef o ? "&" + o.variable() : "NULL";
            case UNUSED_POINTER -> "NULL";
            case HANDLES -> {
                List<String> hs = new ArrayList<>();
                for (long h : (long[]) value) {
                    hs.add(Hex.handle(h));
                }
                yield "{" + String.join(", ", hs) + "}";
            }
            case STRING -> value == null ? "NULL" : quote((String) value);
            case SECURITY_ATTRIBUTES -> ((Long) value) == 0 ? "NULL" : "SA_INHERIT";
            case BOOL -> ((Long) value) == 0 ? "FALSE" : ((Long) value) == 1 ? "TRUE" : value.toString();
            case HANDLE -> Hex.handle((Long) value);
            case MASK, NUMBER -> symbolic(p.name(), (Long) value, p.kind() == Kind.MASK);
        };
    }

    /**
     * A flag or code argument by its constant's name where one parameter has a known family
     * (DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE, OPEN_EXISTING, INFINITE, ...), else hex for
     * masks and decimal for numbers.
     */
    static String symbolic(String param, long value, boolean mask) {
        String plain = mask ? Hex.of(value) : Long.toString(value);
        switch (param) {
            case "ms":
                return value == 0xFFFFFFFFL ? "INFINITE" : plain;
            case "options":
                return flags(value, "DUPLICATE_CLOSE_SOURCE", "DUPLICATE_SAME_ACCESS", "DUPLICATE_SAME_ATTRIBUTES")
                        .orElse(plain);
            case "mask", "flags":
                return flags(value, "HANDLE_FLAG_INHERIT", "HANDLE_FLAG_PROTECT_FROM_CLOSE").orElse(plain);
            case "disposition":
                return one(value, "CREATE_NEW", "CREATE_ALWAYS", "OPEN_EXISTING", "OPEN_ALWAYS", "TRUNCATE_EXISTING")
                        .orElse(plain);
            case "method":
                return one(value, "FILE_BEGIN", "FILE_CURRENT", "FILE_END").orElse(plain);
            case "code":
                return one(value, "IOCTL_ECHO_OBJECT_ID").orElse(plain);
            default:
                return plain;
        }
    }

    static Optional<String> one(long value, String... names) {
        for (String n : names) {
            if (ScenarioConstants.value(n).orElse(-1L) == value) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /** {@code A | B} when {@code value} is exactly a union of the named flags (0 stays 0). */
    static Optional<String> flags(long value, String... names) {
        if (value == 0) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        long rest = value;
        for (String n : names) {
            long bit = ScenarioConstants.value(n).orElse(0L);
            if (bit != 0 && (rest & bit) == bit) {
                parts.add(n);
                rest &= ~bit;
            }
        }
        return rest == 0 ? Optional.of(String.join(" | ", parts)) : Optional.empty();
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }
}
