package io.virtforge.libvirt.jna;

/**
 * libvirt's {@code virTypedParameterType}, with the Java type each decodes to.
 *
 * <p>Decoding: {@code INT} gives {@link Integer}; {@code UINT} gives {@link Long} (the exact unsigned
 * value); {@code LLONG} gives {@link Long}; {@code ULLONG} gives {@link Long} holding the 64-bit pattern
 * (values of 2^63 and above read negative: use {@link Long#toUnsignedString(long)} or
 * {@link Long#compareUnsigned}); {@code DOUBLE} gives {@link Double}; {@code BOOLEAN} gives
 * {@link Boolean}; {@code STRING} gives {@link String}.
 */
enum TypedParamType {
    INT(1), UINT(2), LLONG(3), ULLONG(4), DOUBLE(5), BOOLEAN(6), STRING(7);

    private final int code;

    TypedParamType(int code) {
        this.code = code;
    }

    /** libvirt's {@code VIR_TYPED_PARAM_*} value. */
    int code() {
        return code;
    }

    /** The type with libvirt's value {@code code}, or {@code null} for one this version does not know. */
    static TypedParamType of(int code) {
        for (TypedParamType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    /** The type a Java value is encoded as when the call's schema does not name the field. */
    static TypedParamType inferredFrom(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return INT;
        }
        if (value instanceof Long) {
            return LLONG;
        }
        if (value instanceof Double || value instanceof Float) {
            return DOUBLE;
        }
        if (value instanceof Boolean) {
            return BOOLEAN;
        }
        if (value instanceof CharSequence) {
            return STRING;
        }
        throw new IllegalArgumentException("no libvirt typed parameter type for "
                + (value == null ? "null" : value.getClass().getName()));
    }
}
