package io.virtforge.cli;

import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.DataUnit;
import io.virtforge.value.ValueFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for Virtforge's value types, so bad values are usage errors (exit 2) with a clear message. */
final class Arguments {
    private Arguments() {
    }

    /** A size: a plain number is GiB (as in the seed's scripts), else a size with a unit such as 128MiB. */
    static final class Size implements ITypeConverter<DataSize> {
        @Override
        public DataSize convert(String value) {
            try {
                return value.chars().allMatch(Character::isDigit) ? DataSize.parse(value, DataUnit.GIB)
                        : DataSize.parse(value);
            } catch (ValueFormatException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A CPU set in libvirt's syntax. */
    static final class Cpus implements ITypeConverter<CpuSet> {
        @Override
        public CpuSet convert(String value) {
            try {
                return CpuSet.parse(value);
            } catch (ValueFormatException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** An enum named in lower case with dashes, e.g. {@code latency-sensitive}. */
    static <E extends Enum<E>> E choice(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                names.add(c.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            throw new IllegalArgumentException("'" + value + "' is not one of " + names);
        }
    }

    /** Splits {@code a;b;c}. */
    static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.split(";")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }
}
