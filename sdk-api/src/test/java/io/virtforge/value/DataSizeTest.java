package io.virtforge.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DataSizeTest {
    private static final long KIB = 1024;

    // ---- round trip

    @Property
    void parseOfFormatIsIdentityOverTheWholeRange(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long bytes) {
        DataSize size = DataSize.ofBytes(bytes);
        assertThat(DataSize.parse(size.format())).isEqualTo(size);
    }

    @Property
    void parseOfFormatIsIdentityForMultiplesOfEveryBinaryUnit(@ForAll("unitMultiples") DataSize size) {
        assertThat(DataSize.parse(size.format())).isEqualTo(size);
        assertThat(DataSize.parse(size.toString())).isEqualTo(size);
    }

    @Provide
    Arbitrary<DataSize> unitMultiples() {
        return Combinators.combine(Arbitraries.integers().between(0, 60), Arbitraries.longs().between(0, Long.MAX_VALUE))
                .as((shift, n) -> DataSize.ofBytes((n >>> shift) << shift));
    }

    @Property
    void formatUsesTheLargestBinaryUnitThatDividesExactly(@ForAll("unitMultiples") DataSize size) {
        DataUnit unit = size.naturalUnit();
        String text = size.format();
        assertThat(text).isEqualTo(size.in(unit) + unit.symbol());
        assertThat(size.bytes() % unit.bytes()).isZero();
        if (size.bytes() != 0 && unit != DataUnit.EIB) {
            DataUnit next = DataUnit.values()[unit == DataUnit.BYTES ? DataUnit.KIB.ordinal() : unit.ordinal() + 2];
            assertThat(size.bytes() % next.bytes()).as("a larger unit %s would also divide %s", next, text).isNotZero();
        }
    }

    @Test
    void formatExamples() {
        assertThat(DataSize.gib(16).format()).isEqualTo("16GiB");
        assertThat(DataSize.mib(1536).format()).isEqualTo("1536MiB");
        assertThat(DataSize.ofBytes(1000).format()).isEqualTo("1000B");
        assertThat(DataSize.ZERO.format()).isEqualTo("0B");
        assertThat(DataSize.ofBytes(Long.MAX_VALUE).format()).isEqualTo("9223372036854775807B");
        assertThat(DataSize.of(7, DataUnit.EIB).format()).isEqualTo("7EiB");
    }

    // ---- units

    @ParameterizedTest
    @CsvSource({
        "b, 1", "B, 1", "byte, 1", "bytes, 1", "BYTES, 1", "Bytes, 1",
        "k, 1024", "K, 1024", "KiB, 1024", "kib, 1024", "KIB, 1024", "KB, 1000", "kb, 1000", "kB, 1000",
        "m, 1048576", "MiB, 1048576", "MB, 1000000", "mb, 1000000",
        "g, 1073741824", "GiB, 1073741824", "GB, 1000000000",
        "t, 1099511627776", "TiB, 1099511627776", "TB, 1000000000000",
        "p, 1125899906842624", "PiB, 1125899906842624", "PB, 1000000000000000",
        "e, 1152921504606846976", "EiB, 1152921504606846976", "EB, 1000000000000000000", "eb, 1000000000000000000",
    })
    void unitSpellingsAreReadAsLibvirtDoes(String spelling, long bytesPerUnit) {
        assertThat(DataUnit.parse(spelling).bytes()).isEqualTo(bytesPerUnit);
        assertThat(DataSize.parse("3" + spelling).bytes()).isEqualTo(3 * bytesPerUnit);
        assertThat(DataSize.parse("3 " + spelling).bytes()).isEqualTo(3 * bytesPerUnit);
        assertThat(DataSize.parse("3", DataUnit.parse(spelling)).bytes()).isEqualTo(3 * bytesPerUnit);
    }

    @Test
    void everyUnitSymbolParsesToItself() {
        for (DataUnit unit : DataUnit.values()) {
            assertThat(DataUnit.parse(unit.symbol())).isEqualTo(unit);
            assertThat(DataSize.parse("5" + unit.symbol())).isEqualTo(DataSize.of(5, unit));
        }
    }

    /**
     * Every string of up to five characters over the letters units are made of (both cases, and look-alikes)
     * parses exactly when its ASCII lower case is one of libvirt's spellings, to that spelling's unit.
     */
    @Test
    void unitsParseExactlyTheirSpellingsInAnyAsciiCase() {
        java.util.Map<String, DataUnit> spellings = new java.util.HashMap<>(java.util.Map.of("b", DataUnit.BYTES, "byte",
                DataUnit.BYTES, "bytes", DataUnit.BYTES));
        String powers = "kmgtpe";
        for (int p = 0; p < powers.length(); p++) {
            DataUnit decimal = DataUnit.values()[1 + 2 * p];
            DataUnit binary = DataUnit.values()[2 + 2 * p];
            spellings.put(powers.charAt(p) + "", binary);
            spellings.put(powers.charAt(p) + "ib", binary);
            spellings.put(powers.charAt(p) + "b", decimal);
        }
        String letters = "bByYtTeEsSkKiImMgGpPx\u212A";
        int checked = 0;
        java.util.List<String> strings = new java.util.ArrayList<>(java.util.List.of(""));
        for (int length = 1; length <= 5; length++) {
            java.util.List<String> longer = new java.util.ArrayList<>();
            String alphabet = length <= 3 ? letters : "bByYtTeEsS"; // the longer ones: spellings of bytes
            for (String prefix : strings) {
                if (prefix.length() == length - 1 && prefix.chars().allMatch(c -> alphabet.indexOf(c) >= 0)) {
                    for (char c : alphabet.toCharArray()) {
                        longer.add(prefix + c);
                    }
                }
            }
            strings.addAll(longer);
        }
        for (String unit : strings) {
            DataUnit expected = spellings.get(unit.chars().map(c -> c >= 'A' && c <= 'Z' ? c + 32 : c)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
            if (expected == null) {
                assertThatThrownBy(() -> DataUnit.parse(unit)).as(unit).isInstanceOf(ValueFormatException.class);
            } else {
                assertThat(DataUnit.parse(unit)).as(unit).isEqualTo(expected);
                checked++;
            }
        }
        // b, byte and bytes in every case, then each power's three spellings (k, kb, kib) in every case
        assertThat(checked).isEqualTo(2 + 16 + 32 + 6 * (2 + 4 + 8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "kibb", "ki", "kbb", "bit", "bytess", "ib", "iB", "KiBs", "Ｋ", "\u212AiB", "k i b", "z"})
    void unknownUnitsAreRejected(String unit) {
        assertThatThrownBy(() -> DataUnit.parse(unit)).isInstanceOf(ValueFormatException.class);
        assertThatThrownBy(() -> DataSize.parse("1" + unit + (unit.isEmpty() ? "?" : "")))
                .isInstanceOf(ValueFormatException.class);
    }

    @Test
    void aBareNumberIsBytes() {
        assertThat(DataSize.parse("4096")).isEqualTo(DataSize.ofBytes(4096));
        assertThat(DataSize.parse("0")).isEqualTo(DataSize.ZERO);
    }

    // ---- overflow is rejected, never wrapped

    @ParameterizedTest
    @ValueSource(strings = {"8EiB", "9EiB", "9 EiB", "16EB", "10EB", "8192PiB", "9223372036854775807KiB",
        "9223372036854775808", "9223372036854775808B", "99999999999999999999", "99999999999999999999KiB",
        "18446744073709551616", "9007199254740992KiB"})
    void sizesAbove8EiBAreRejected(String text) {
        assertThatThrownBy(() -> DataSize.parse(text)).isInstanceOf(ValueFormatException.class);
    }

    @Test
    void theLargestSizesAreAccepted() {
        assertThat(DataSize.parse("9223372036854775807").bytes()).isEqualTo(Long.MAX_VALUE);
        assertThat(DataSize.parse("7EiB").bytes()).isEqualTo(7L << 60);
        assertThat(DataSize.parse("9EB").bytes()).isEqualTo(9_000_000_000_000_000_000L);
        assertThat(DataSize.parse("9007199254740991KiB").bytes()).isEqualTo(9007199254740991L * 1024);
    }

    @Property
    void scaledNumbersOverflowExactlyWhenTheTrueProductExceedsLongMax(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long n, @ForAll DataUnit unit) {
        BigInteger exact = BigInteger.valueOf(n).multiply(BigInteger.valueOf(unit.bytes()));
        boolean fits = exact.bitLength() < 64;
        for (String text : new String[] {n + unit.symbol(), n + " " + unit.symbol()}) {
            if (fits) {
                assertThat(DataSize.parse(text).bytes()).isEqualTo(exact.longValueExact());
            } else {
                assertThatThrownBy(() -> DataSize.parse(text)).isInstanceOf(ValueFormatException.class);
            }
        }
        if (fits) {
            assertThat(DataSize.of(n, unit).bytes()).isEqualTo(exact.longValueExact());
            assertThat(DataSize.parse(Long.toString(n), unit).bytes()).isEqualTo(exact.longValueExact());
        } else {
            assertThatThrownBy(() -> DataSize.of(n, unit)).isInstanceOf(ValueFormatException.class);
            assertThatThrownBy(() -> DataSize.parse(Long.toString(n), unit)).isInstanceOf(ValueFormatException.class);
        }
    }

    @Property
    void numbersWithMoreDigitsThanALongAreRejected(@ForAll @LongRange(min = 0, max = 999) long extra) {
        String text = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE).add(BigInteger.valueOf(extra)).toString();
        assertThatThrownBy(() -> DataSize.parse(text)).isInstanceOf(ValueFormatException.class);
        assertThatThrownBy(() -> DataSize.parse(text, DataUnit.BYTES)).isInstanceOf(ValueFormatException.class);
    }

    @Test
    void arithmeticRejectsOverflowAndNegativeResults() {
        DataSize max = DataSize.ofBytes(Long.MAX_VALUE);
        assertThatThrownBy(() -> max.plus(DataSize.ofBytes(1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> max.times(2)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> DataSize.kib(1).minus(DataSize.kib(2))).isInstanceOf(ValueFormatException.class);
        assertThatThrownBy(() -> DataSize.ofBytes(-1)).isInstanceOf(ValueFormatException.class);
        assertThatThrownBy(() -> DataSize.kib(-1)).isInstanceOf(ValueFormatException.class);
        assertThatThrownBy(() -> DataSize.tib(Long.MAX_VALUE >> 39)).isInstanceOf(ValueFormatException.class);
        assertThat(DataSize.gib(1).plus(DataSize.mib(512))).isEqualTo(DataSize.mib(1536));
    }

    @Test
    void conversions() {
        assertThat(DataSize.ofBytes(1).toKibRoundedUp()).isEqualTo(1);
        assertThat(DataSize.ofBytes(KIB).toKibRoundedUp()).isEqualTo(1);
        assertThat(DataSize.ofBytes(KIB + 1).toKibRoundedUp()).isEqualTo(2);
        assertThat(DataSize.ofBytes(Long.MAX_VALUE).toKibRoundedUp()).isEqualTo((Long.MAX_VALUE >> 10) + 1);
        assertThat(DataSize.mib(3).plus(DataSize.ofBytes(5)).toMib()).isEqualTo(3);
        assertThat(DataSize.gib(2).in(DataUnit.MB)).isEqualTo(2147);
    }

    // ---- errors carry the offending position

    @Property
    void aBadCharacterIsReportedWhereItIs(@ForAll("unitMultiples") DataSize size, @ForAll("bad") char bad,
            @ForAll @LongRange(min = 0, max = 40) long where) {
        String valid = size.format();
        int at = (int) (where % (valid.length() + 1));
        String invalid = InvalidInputs.insert(valid, at, bad);
        ValueFormatException e = catchThrowableOfType(ValueFormatException.class, () -> DataSize.parse(invalid));
        assertThat(e).as("'%s' must be rejected", invalid).isNotNull();
        assertThat(e.position()).as("position in '%s' (%s)", invalid, e.getMessage()).isEqualTo(at);
        assertThat(e.input()).isEqualTo(invalid);
    }

    @Provide
    Arbitrary<Character> bad() {
        return InvalidInputs.badChars();
    }

    @Test
    void positionsOfCommonMistakes() {
        assertThat(positionOf("")).isEqualTo(0);
        assertThat(positionOf("GiB")).isEqualTo(0);
        assertThat(positionOf("-1GiB")).isEqualTo(0);
        assertThat(positionOf("1.5GiB")).isEqualTo(1);
        assertThat(positionOf("16GB!")).isEqualTo(4);
        assertThat(positionOf("16Gib2")).isEqualTo(5);
        assertThat(positionOf("16 gigabytes")).isEqualTo(5);
        assertThat(positionOf("100bits")).isEqualTo(4);
    }

    private static int positionOf(String text) {
        ValueFormatException e = catchThrowableOfType(ValueFormatException.class, () -> DataSize.parse(text));
        assertThat(e).as("'%s' must be rejected", text).isNotNull();
        assertThat(e.kind()).isEqualTo("size");
        return e.position();
    }

    @Test
    void theSplitFormRejectsSignsAndSpaces() {
        assertThatThrownBy(() -> DataSize.parse("-1", DataUnit.KIB)).isInstanceOf(ValueFormatException.class);
        assertThatThrownBy(() -> DataSize.parse("+1", DataUnit.KIB)).isInstanceOf(ValueFormatException.class);
        assertThatThrownBy(() -> DataSize.parse(" 1", DataUnit.KIB)).isInstanceOf(ValueFormatException.class);
        assertThatThrownBy(() -> DataSize.parse("", DataUnit.KIB)).isInstanceOf(ValueFormatException.class);
        assertThatThrownBy(() -> DataSize.parse("\uff11", DataUnit.KIB)).isInstanceOf(ValueFormatException.class);
    }

    @Property
    void orderFollowsBytes(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long a,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long b) {
        Assume.that(a != b);
        assertThat(Integer.signum(DataSize.ofBytes(a).compareTo(DataSize.ofBytes(b)))).isEqualTo(Long.compare(a, b));
    }
}
