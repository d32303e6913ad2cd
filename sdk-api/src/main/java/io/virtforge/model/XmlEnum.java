package io.virtforge.model;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An enumeration of the values libvirt defines for one attribute. Every such enum has a constant
 * {@code UNRECOGNIZED}, returned for a value this version of Virtforge does not know: parsing never
 * fails on a new libvirt value, and the model keeps the original text (each typed accessor has an
 * {@code ...AsString()} twin that returns it).
 *
 * <p>The XML value is the constant's name in lower case with {@code _} as {@code -}
 * ({@code HOST_PASSTHROUGH} is {@code host-passthrough}); enums whose values differ override
 * {@link #xmlValue()}.
 */
public interface XmlEnum {
    /** The enum constant's name. */
    String name();

    /** The value as libvirt writes it. */
    default String xmlValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant for {@code value}: empty when the value is absent (null), UNRECOGNIZED when unknown. */
    static <E extends Enum<E> & XmlEnum> Optional<E> lookup(Class<E> type, String value) {
        if (value == null) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        Map<String, E> table = (Map<String, E>) Tables.BY_VALUE.get(type);
        E e = table.get(value);
        return Optional.of(e != null ? e : Enum.valueOf(type, "UNRECOGNIZED"));
    }

    /** Tables of enum constants by XML value, built once per enum. */
    final class Tables {
        private static final ClassValue<Map<String, ?>> BY_VALUE = new ClassValue<>() {
            @Override
            protected Map<String, ?> computeValue(Class<?> type) {
                Map<String, Object> m = new HashMap<>();
                for (Object c : type.getEnumConstants()) {
                    XmlEnum x = (XmlEnum) c;
                    if (!x.name().equals("UNRECOGNIZED")) {
                        m.put(x.xmlValue(), c);
                    }
                }
                return Map.copyOf(m);
            }
        };

        private Tables() {
        }
    }
}
