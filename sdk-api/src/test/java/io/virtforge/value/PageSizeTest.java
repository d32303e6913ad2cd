package io.virtforge.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PageSizeTest {
    @Property
    void parseOfFormatIsIdentityForEveryPowerOfTwoFrom1KiB(@ForAll @IntRange(min = 10, max = 62) int log2) {
        PageSize page = new PageSize(1L << log2);
        assertThat(PageSize.parse(page.format())).isEqualTo(page);
        assertThat(PageSize.parse(Long.toString(page.kib()))).as("a bare number is KiB").isEqualTo(page);
        assertThat(PageSize.parse(page.kib() + "kB")).as("sysfs spelling").isEqualTo(page);
        assertThat(PageSize.ofKib(page.kib())).isEqualTo(page);
        assertThat(PageSize.of(page.size())).isEqualTo(page);
    }

    @Property
    void sizesThatAreNotPowersOfTwoOfAtLeast1KiBAreRejected(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long bytes) {
        if (bytes >= 1024 && Long.bitCount(bytes) == 1) {
            assertThat(new PageSize(bytes).bytes()).isEqualTo(bytes);
        } else {
            assertThatThrownBy(() -> new PageSize(bytes)).isInstanceOf(ValueFormatException.class);
            assertThatThrownBy(() -> PageSize.parse(bytes + "B")).isInstanceOf(ValueFormatException.class);
        }
    }

    @ParameterizedTest
    @CsvSource({"2MiB, 2097152", "2M, 2097152", "2048KiB, 2097152", "2048kB, 2097152", "2048, 2097152", "4, 4096",
        "1G, 1073741824", "1GiB, 1073741824", "4096B, 4096", "16GiB, 17179869184"})
    void spellings(String text, long bytes) {
        assertThat(PageSize.parse(text).bytes()).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "3", "512B", "1000KiB", "2MB", "-4", "4 KiB x", "8EiB", "9007199254740992", "KiB"})
    void invalidPageSizesAreRejected(String text) {
        ValueFormatException e = catchThrowableOfType(ValueFormatException.class, () -> PageSize.parse(text));
        assertThat(e).as("'%s' must be rejected", text).isNotNull();
        assertThat(e.kind()).isEqualTo("page size");
        assertThat(e.input()).isEqualTo(text);
    }

    @Property
    void aBadCharacterIsReportedWhereItIs(@ForAll @IntRange(min = 10, max = 62) int log2, @ForAll("bad") char bad,
            @ForAll @IntRange(min = 0, max = 100) int where) {
        String valid = new PageSize(1L << log2).format();
        int at = where % (valid.length() + 1);
        String invalid = InvalidInputs.insert(valid, at, bad);
        ValueFormatException e = catchThrowableOfType(ValueFormatException.class, () -> PageSize.parse(invalid));
        assertThat(e).as("'%s' must be rejected", invalid).isNotNull();
        assertThat(e.position()).as(e.getMessage()).isEqualTo(at);
    }

    @Provide
    Arbitrary<Character> bad() {
        return InvalidInputs.badChars();
    }

    @org.junit.jupiter.api.Test
    void hugeMeansLargerThanTheBasePage() {
        assertThat(PageSize.KIB_4.isHuge()).isFalse();
        assertThat(PageSize.MIB_2.isHuge()).isTrue();
        assertThat(PageSize.GIB_1.kib()).isEqualTo(1 << 20);
        assertThat(PageSize.MIB_2.compareTo(PageSize.GIB_1)).isNegative();
        assertThat(PageSize.MIB_2.toString()).isEqualTo("2MiB");
    }
}
