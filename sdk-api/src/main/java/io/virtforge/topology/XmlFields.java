package io.virtforge.topology;

import io.virtforge.value.ValueFormatException;
import io.virtforge.xml.XmlElement;
import io.virtforge.xml.XmlModelException;
import java.util.function.Function;

/** Reading helpers shared by the capabilities and node device readers: values with errors that name the place. */
final class XmlFields {
    private XmlFields() {
    }

    static String attr(XmlElement e, String name, String path) {
        return e.attribute(name).orElseThrow(() -> error(e, path, "missing required attribute '" + name + "'"));
    }

    static <T> T parse(XmlElement e, String path, String what, String value, Function<String, T> parser) {
        try {
            return parser.apply(value.trim());
        } catch (ValueFormatException | NumberFormatException x) {
            throw error(e, path, what + ": " + x.getMessage());
        }
    }

    static int integer(XmlElement e, String path, String what, String value) {
        return parse(e, path, what, value, XmlFields::decodeInt);
    }

    /** Decimal, or hex with 0x, as libvirt writes ids. */
    static int decodeInt(String s) {
        long v = s.startsWith("0x") || s.startsWith("0X") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new NumberFormatException("out of range: " + s);
        }
        return (int) v;
    }

    static XmlModelException error(XmlElement e, String path, String reason) {
        return new XmlModelException(reason, path, e.line(), e.column());
    }
}
