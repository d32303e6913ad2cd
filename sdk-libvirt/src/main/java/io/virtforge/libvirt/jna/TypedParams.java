package io.virtforge.libvirt.jna;

import static io.virtforge.libvirt.jna.NativeLayout.TP_SIZE;
import static io.virtforge.libvirt.jna.NativeLayout.TP_TYPE;
import static io.virtforge.libvirt.jna.NativeLayout.TP_VALUE;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes and encodes {@code virTypedParameter} arrays. Value types follow {@link TypedParamType}.
 * Strings cross as UTF-8.
 */
final class TypedParams {
    private static final Logger LOG = LoggerFactory.getLogger(TypedParams.class);

    private TypedParams() {
    }

    /**
     * Copies {@code n} parameters at {@code params} into a new insertion-ordered map. Reads only: the
     * native array and its strings stay owned by whoever allocated them.
     */
    static Map<String, Object> decode(Pointer params, int n) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            long base = (long) i * TP_SIZE;
            String name = fieldName(params, base);
            int typeCode = params.getInt(base + TP_TYPE);
            TypedParamType type = TypedParamType.of(typeCode);
            if (type == null) {
                LOG.debug("skipping typed parameter {} of unknown type {}", name, typeCode);
                continue;
            }
            out.put(name, read(params, base + TP_VALUE, type));
        }
        return out;
    }

    private static String fieldName(Pointer params, long base) {
        byte[] raw = params.getByteArray(base, LibvirtNative.TYPED_PARAM_FIELD_LENGTH);
        int len = 0;
        while (len < raw.length && raw[len] != 0) {
            len++;
        }
        return new String(raw, 0, len, StandardCharsets.UTF_8);
    }

    private static Object read(Pointer p, long at, TypedParamType type) {
        switch (type) {
            case INT:
                return p.getInt(at);
            case UINT:
                return Integer.toUnsignedLong(p.getInt(at));
            case LLONG:
            case ULLONG:
                return p.getLong(at);
            case DOUBLE:
                return p.getDouble(at);
            case BOOLEAN:
                return p.getByte(at) != 0;
            case STRING:
                Pointer s = p.getPointer(at);
                return s == null ? null : s.getString(0, StandardCharsets.UTF_8.name());
            default:
                throw new AssertionError(type);
        }
    }

    /**
     * Encodes {@code values} into a new, Java-owned native array. A field's native type comes from
     * {@code schema} when it names the field (values are converted, with range checks), otherwise from
     * the Java type ({@link TypedParamType#inferredFrom}).
     *
     * @throws IllegalArgumentException for a name of 80 bytes or more, a null value or a value that
     *     does not fit its type
     */
    static Encoded encode(Map<String, ?> values, Map<String, TypedParamType> schema) {
        Encoded enc = new Encoded(values.size());
        try {
            int i = 0;
            for (Map.Entry<String, ?> e : values.entrySet()) {
                Object value = e.getValue();
                if (value == null) {
                    throw new IllegalArgumentException("typed parameter " + e.getKey() + " is null");
                }
                TypedParamType type = schema.get(e.getKey());
                enc.put(i++, e.getKey(), type != null ? type : TypedParamType.inferredFrom(value), value);
            }
            return enc;
        } catch (RuntimeException ex) {
            enc.close();
            throw ex;
        }
    }

    /**
     * A {@code virTypedParameter} array allocated by Java, strings included. libvirt only reads it, so it
     * is released by {@link #close()} (never by {@code virTypedParamsClear/Free}, which would call
     * {@code free()} on Java-allocated memory).
     */
    static final class Encoded implements AutoCloseable {
        private final Memory array;
        private final int count;
        private final List<Memory> strings = new ArrayList<>();

        private Encoded(int count) {
            this.count = count;
            this.array = new Memory(Math.max(1, (long) count * TP_SIZE));
            array.clear();
        }

        /** The array, valid until {@link #close()}. */
        Pointer pointer() {
            return array;
        }

        /** The number of parameters. */
        int count() {
            return count;
        }

        private void put(int i, String name, TypedParamType type, Object value) {
            long base = (long) i * TP_SIZE;
            byte[] field = name.getBytes(StandardCharsets.UTF_8);
            if (field.length >= LibvirtNative.TYPED_PARAM_FIELD_LENGTH) {
                throw new IllegalArgumentException("typed parameter name too long for libvirt: " + name);
            }
            array.write(base, field, 0, field.length); // the array was zeroed: the name is NUL-terminated
            array.setInt(base + TP_TYPE, type.code());
            long at = base + TP_VALUE;
            switch (type) {
                case INT:
                    array.setInt(at, (int) integral(name, value, Integer.MIN_VALUE, Integer.MAX_VALUE));
                    break;
                case UINT:
                    array.setInt(at, (int) integral(name, value, 0, 0xFFFF_FFFFL));
                    break;
                case LLONG:
                case ULLONG: // a negative Long is taken as the 64-bit pattern, as decode() produces it
                    array.setLong(at, integral(name, value, Long.MIN_VALUE, Long.MAX_VALUE));
                    break;
                case DOUBLE:
                    array.setDouble(at, as(Number.class, name, value).doubleValue());
                    break;
                case BOOLEAN:
                    array.setByte(at, (byte) (as(Boolean.class, name, value) ? 1 : 0));
                    break;
                case STRING:
                    array.setPointer(at, string(as(CharSequence.class, name, value).toString()));
                    break;
                default:
                    throw new AssertionError(type);
            }
        }

        private Memory string(String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            Memory m = new Memory(bytes.length + 1L);
            strings.add(m);
            m.write(0, bytes, 0, bytes.length);
            m.setByte(bytes.length, (byte) 0);
            return m;
        }

        @Override
        public void close() {
            strings.forEach(Memory::close);
            strings.clear();
            array.close();
        }
    }

    private static long integral(String name, Object value, long min, long max) {
        Number n = as(Number.class, name, value);
        if (!(n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte)) {
            throw new IllegalArgumentException("typed parameter " + name + " needs an integer, got " + value);
        }
        long v = n.longValue();
        if (v < min || v > max) {
            throw new IllegalArgumentException("typed parameter " + name + " out of range: " + value);
        }
        return v;
    }

    private static <T> T as(Class<T> type, String name, Object value) {
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("typed parameter " + name + " needs a " + type.getSimpleName()
                    + ", got " + value.getClass().getSimpleName());
        }
        return type.cast(value);
    }
}
