package org.kernelhandles.executive;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the {@code public static final} numeric fields of a constants class, so that each
 * constant is written once (as a Java field) and its name is derived from it wherever a name is
 * needed: trace output, the scenario language's constant table.
 */
public final class Constants {
    private Constants() {}

    /** Every public static final int or long field of {@code holder}, by name, in declaration order. */
    public static Map<String, Long> valuesOf(Class<?> holder) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (Field f : holder.getDeclaredFields()) {
            int m = f.getModifiers();
            if (!Modifier.isPublic(m) || !Modifier.isStatic(m) || !Modifier.isFinal(m)) {
                continue;
            }
            try {
                if (f.getType() == int.class) {
                    values.put(f.getName(), (long) f.getInt(null));
                } else if (f.getType() == long.class) {
                    values.put(f.getName(), f.getLong(null));
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read constant " + f, e);
            }
        }
        return values;
    }

    /** Value to name for the int fields whose names start with {@code prefix}; the first name wins. */
    public static Map<Integer, String> namesOf(Class<?> holder, String prefix) {
        Map<Integer, String> names = new LinkedHashMap<>();
        valuesOf(holder).forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                names.putIfAbsent(value.intValue(), name);
            }
        });
        return names;
    }
}
