package org.kernelhandles.scenario;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.kernelhandles.executive.AccessRights;
import org.kernelhandles.executive.Constants;
import org.kernelhandles.executive.NtStatus;
import org.kernelhandles.nt.Ntdll;
import org.kernelhandles.win32.Win32Constants;
import org.kernelhandles.win32.Win32Error;

/**
 * The scenario language's constants: every Win32 name the model's classes define, read from them
 * so that each value is written once. 32-bit values (DWORDs, NTSTATUSes, access masks) are
 * zero-extended, as a C program printing them with {@code %lu} would see them; HANDLE-sized ones
 * such as {@code INVALID_HANDLE_VALUE} keep their 64-bit value.
 */
final class ScenarioConstants {
    private ScenarioConstants() {}

    /** {@code SECURITY_ATTRIBUTES} with {@code bInheritHandle = TRUE}; any nonzero value means it. */
    static final long SA_INHERIT = 1;

    private static final Map<String, Long> VALUES = build();

    private static Map<String, Long> build() {
        Map<String, Long> values = new LinkedHashMap<>();
        for (Class<?> holder : new Class<?>[] {
                Win32Constants.class, AccessRights.class, Win32Error.class, NtStatus.class, Ntdll.class}) {
            Constants.valuesOf(holder).forEach((name, value) -> {
                if (name.equals(name.toUpperCase(java.util.Locale.ROOT))) {
                    values.putIfAbsent(name, isIntField(holder, name) ? value & 0xFFFFFFFFL : value);
                }
            });
        }
        values.put("SA_INHERIT", SA_INHERIT);
        return Map.copyOf(values);
    }

    private static boolean isIntField(Class<?> holder, String name) {
        try {
            return holder.getField(name).getType() == int.class;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    static Optional<Long> value(String name) {
        return Optional.ofNullable(VALUES.get(name));
    }

    static boolean isConstant(String name) {
        return VALUES.containsKey(name);
    }

    /** The first constant name with {@code prefix} whose value is {@code value}, for traces. */
    static String nameOf(long value, String prefix) {
        String best = null;
        for (Map.Entry<String, Long> e : VALUES.entrySet()) {
            if (e.getValue() == value && e.getKey().startsWith(prefix)
                    && (best == null || e.getKey().compareTo(best) < 0)) {
                best = e.getKey();
            }
        }
        return best;
    }
}
