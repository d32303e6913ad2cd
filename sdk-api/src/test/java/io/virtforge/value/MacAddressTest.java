package io.virtforge.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Locale;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MacAddressTest {
    private static final long MAX = 0xFFFF_FFFF_FFFFL;

    @Property
    void parseOfFormatIsIdentityForAll48BitValues(@ForAll @LongRange(min = 0, max = MAX) long value) {
        MacAddress mac = new MacAddress(value);
        assertThat(mac.format()).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
        assertThat(MacAddress.parse(mac.format())).isEqualTo(mac);
        assertThat(MacAddress.parse(mac.format().toUpperCase(Locale.ROOT))).isEqualTo(mac);
        assertThat(mac.toString()).isEqualTo(mac.format());
    }

    @Property
    void formatIsTheSixOctetsInHex(@ForAll @LongRange(min = 0, max = MAX) long value) {
        assertThat(new MacAddress(value).format().replace(":", "")).isEqualTo(String.format("%012x", value));
    }

    @Property
    void multicastIsTheLowBitOfTheFirstOctet(@ForAll @LongRange(min = 0, max = MAX) long value) {
        assertThat(new MacAddress(value).isMulticast()).isEqualTo(((value >>> 40) & 1) == 1);
    }

    @Test
    void examples() {
        assertThat(MacAddress.parse("52:54:00:35:f5:54").value()).isEqualTo(0x52540035f554L);
        assertThat(MacAddress.parse("52:54:00:35:F5:54").format()).isEqualTo("52:54:00:35:f5:54");
        assertThat(MacAddress.parse("ff:ff:ff:ff:ff:ff").value()).isEqualTo(MAX);
        assertThat(MacAddress.parse("01:00:5e:00:00:01").isMulticast()).isTrue();
        assertThat(MacAddress.parse("52:54:00:00:00:01").isMulticast()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, MAX + 1, Long.MAX_VALUE, Long.MIN_VALUE})
    void valuesBeyond48BitsAreRejected(long value) {
        assertThatThrownBy(() -> new MacAddress(value)).isInstanceOf(ValueFormatException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "52:54:00:35:f5", "52:54:00:35:f5:54:00", "52-54-00-35-f5-54", "5254.0035.f554",
        "52:54:00:35:f5:5", "2:54:00:35:f5:540", "52:54:00:35:f5:5g", "52:54:00:35:f5:\uff15\uff14",
        "52:54:00:35:f5:5\u0664", "+2:54:00:35:f5:54", "52:54:00:35:f5:54 "})
    void malformedAddressesAreRejected(String text) {
        assertThatThrownBy(() -> MacAddress.parse(text)).isInstanceOf(ValueFormatException.class);
    }

    @Property
    void aBadCharacterIsReportedWhereItIs(@ForAll @LongRange(min = 0, max = MAX) long value, @ForAll("bad") char bad,
            @ForAll @IntRange(min = 0, max = 16) int at) {
        // a MAC address has a fixed length, so the bad character replaces one instead of being inserted
        String invalid = InvalidInputs.replace(new MacAddress(value).format(), at, bad);
        ValueFormatException e = catchThrowableOfType(ValueFormatException.class, () -> MacAddress.parse(invalid));
        assertThat(e).as("'%s' must be rejected", invalid).isNotNull();
        assertThat(e.position()).as(e.getMessage()).isEqualTo(at);
    }

    @Provide
    Arbitrary<Character> bad() {
        return InvalidInputs.badChars();
    }
}
