package io.virtforge.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PciAddressTest {
    private static final PciAddress GPU = new PciAddress(0, 0x3b, 0, 0);

    @Provide
    Arbitrary<PciAddress> addresses() {
        Arbitrary<Integer> domain = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 0xFFFF),
                Arbitraries.integers().between(0, Integer.MAX_VALUE));
        return Combinators.combine(domain, Arbitraries.integers().between(0, 0xFF), Arbitraries.integers().between(0, 0x1F),
                Arbitraries.integers().between(0, 7)).as(PciAddress::new);
    }

    @Provide
    Arbitrary<Character> bad() {
        return InvalidInputs.badChars();
    }

    // ---- round trips over all ranges

    @Property
    void sysfsFormRoundTrips(@ForAll("addresses") PciAddress a) {
        assertThat(PciAddress.parse(a.format())).isEqualTo(a);
        assertThat(PciAddress.parse(a.format().toUpperCase(Locale.ROOT))).isEqualTo(a);
        assertThat(PciAddress.parse(a.toString())).isEqualTo(a);
    }

    @Property
    void shortFormIsDomainZero(@ForAll("addresses") PciAddress a) {
        String shortForm = String.format("%02x:%02x.%x", a.bus(), a.slot(), a.function());
        assertThat(PciAddress.parse(shortForm)).isEqualTo(new PciAddress(0, a.bus(), a.slot(), a.function()));
    }

    @Property
    void nodeDeviceNameRoundTrips(@ForAll("addresses") PciAddress a) {
        assertThat(PciAddress.fromNodeDeviceName(a.nodeDeviceName())).isEqualTo(a);
    }

    @Property
    void xmlAttributesRoundTripInEveryBaseLibvirtReads(@ForAll("addresses") PciAddress a) {
        assertThat(PciAddress.fromXml(a.xmlDomain(), a.xmlBus(), a.xmlSlot(), a.xmlFunction())).isEqualTo(a);
        assertThat(PciAddress.fromXml(hexUpper(a.domain()), hexUpper(a.bus()), hexUpper(a.slot()), hexUpper(a.function())))
                .isEqualTo(a);
        assertThat(PciAddress.fromXml(Integer.toString(a.domain()), Integer.toString(a.bus()), Integer.toString(a.slot()),
                Integer.toString(a.function()))).as("decimal").isEqualTo(a);
        assertThat(PciAddress.fromXml(octal(a.domain()), octal(a.bus()), octal(a.slot()), octal(a.function())))
                .as("leading 0: octal").isEqualTo(a);
    }

    private static String hexUpper(int v) {
        return "0X" + Integer.toHexString(v).toUpperCase(Locale.ROOT);
    }

    private static String octal(int v) {
        return "0" + Integer.toOctalString(v);
    }

    @Property
    void orderIsDomainBusSlotFunction(@ForAll("addresses") PciAddress a, @ForAll("addresses") PciAddress b) {
        long ka = ((long) a.domain() << 16) | (a.bus() << 8) | (a.slot() << 3) | a.function();
        long kb = ((long) b.domain() << 16) | (b.bus() << 8) | (b.slot() << 3) | b.function();
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(Long.compare(ka, kb));
    }

    // ---- the forms, by example

    @Test
    void forms() {
        assertThat(PciAddress.parse("0000:3b:00.0")).isEqualTo(GPU);
        assertThat(PciAddress.parse("3b:00.0")).isEqualTo(GPU);
        assertThat(PciAddress.parse("0000:3B:00.0")).isEqualTo(GPU);
        assertThat(PciAddress.fromNodeDeviceName("pci_0000_3b_00_0")).isEqualTo(GPU);
        assertThat(PciAddress.ofNodeDeviceName("pci_0000_3b_00_0")).contains(GPU);
        assertThat(PciAddress.ofNodeDeviceName("css_0_0_0023")).isEmpty();
        assertThat(PciAddress.ofNodeDeviceName("pci_0000_3b_00")).isEmpty();
        assertThat(PciAddress.ofNodeDeviceName("computer")).isEmpty();
        assertThat(PciAddress.fromXml("0x0000", "0x3b", "0x00", "0x0")).isEqualTo(GPU);
        assertThat(PciAddress.fromXml("0", "59", "0", "0")).as("decimal").isEqualTo(GPU);
        assertThat(PciAddress.fromXml("0", "073", "00", "0")).as("octal").isEqualTo(GPU);
        assertThat(PciAddress.fromXml(null, "0x3b", null, "")).as("absent parts are 0").isEqualTo(GPU);
        assertThat(PciAddress.parse("10000:00:1f.7")).isEqualTo(new PciAddress(0x10000, 0, 0x1f, 7));
        assertThat(GPU.format()).isEqualTo("0000:3b:00.0");
        assertThat(GPU.nodeDeviceName()).isEqualTo("pci_0000_3b_00_0");
        assertThat(GPU.xmlDomain() + " " + GPU.xmlBus() + " " + GPU.xmlSlot() + " " + GPU.xmlFunction())
                .isEqualTo("0x0000 0x3b 0x00 0x0");
    }

    // ---- out of range

    @ParameterizedTest
    @CsvSource({
        "0x0, 0x0, 0x20, 0x0", "0x0, 0x0, 32, 0", "0x0, 0x0, 040, 0",
        "0x0, 0x100, 0x0, 0x0", "0, 256, 0, 0",
        "0x0, 0x0, 0x0, 0x8", "0, 0, 0, 8", "0, 0, 0, 010",
        "0x80000000, 0, 0, 0", "0xffffffff, 0, 0, 0", "4294967295, 0, 0, 0", "0x100000000, 0, 0, 0",
        "0, 0xffffffffffff, 0, 0", "0, -1, 0, 0", "0, 0x, 0, 0", "0, 08, 0, 0", "0, 0x3g, 0, 0", "0, ' 1', 0, 0",
        "0, +1, 0, 0", "0, \uff11, 0, 0", "0, 0x\uff21, 0, 0",
    })
    void xmlValuesOutOfRangeOrMalformedAreRejected(String domain, String bus, String slot, String function) {
        assertThatThrownBy(() -> PciAddress.fromXml(domain, bus, slot, function)).isInstanceOf(ValueFormatException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000:3b:20.0", "0000:3b:1f.8", "0000:100:00.0", "80000000:00:00.0", "ffffffff:00:00.0",
        "123456789:00:00.0", "3b:00", "3b.00.0", "0000:3b:00:0", ":00.0", "0000::00.0", "0000:3b:.0", "0000:3b:00.",
        "", "3b:00.0 ", " 3b:00.0", "-1:00:00.0", "0000:3b:00.\uff10", "\uff10000:3b:00.0", "0000:\u0663b:00.0"})
    void malformedOrOutOfRangeAddressesAreRejected(String text) {
        ValueFormatException e = catchThrowableOfType(ValueFormatException.class, () -> PciAddress.parse(text));
        assertThat(e).as("'%s' must be rejected", text).isNotNull();
        assertThat(e.input()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pci_0000_3b_00", "pci_0000_3b_00_0_0", "usb_0000_3b_00_0", "PCI_0000_3b_00_0",
        "pci_0000_3b_20_0", "pci_0000_3b_00_8", "pci_0000:3b_00_0_0", "pci__3b_00_0", ""})
    void malformedNodeDeviceNamesAreRejected(String name) {
        ValueFormatException e = catchThrowableOfType(ValueFormatException.class, () -> PciAddress.fromNodeDeviceName(name));
        assertThat(e).as("'%s' must be rejected", name).isNotNull();
        assertThat(e.input()).as("the error names the input as given").isEqualTo(name);
    }

    @Test
    void constructorChecksEveryPart() {
        assertThatThrownBy(() -> new PciAddress(-1, 0, 0, 0)).isInstanceOf(ValueFormatException.class);
        assertThatThrownBy(() -> new PciAddress(0, 256, 0, 0)).isInstanceOf(ValueFormatException.class);
        assertThatThrownBy(() -> new PciAddress(0, 0, 32, 0)).isInstanceOf(ValueFormatException.class);
        assertThatThrownBy(() -> new PciAddress(0, 0, 0, 8)).isInstanceOf(ValueFormatException.class);
        assertThatThrownBy(() -> new PciAddress(0, -1, 0, 0)).isInstanceOf(ValueFormatException.class);
        assertThat(new PciAddress(Integer.MAX_VALUE, 255, 31, 7).format()).isEqualTo("7fffffff:ff:1f.7");
    }

    // ---- positions

    @Property
    void aBadCharacterInTheSysfsFormIsReportedWhereItIs(@ForAll("addresses") PciAddress a, @ForAll("bad") char bad,
            @ForAll @IntRange(min = 0, max = 100) int where) {
        String valid = a.format();
        int at = where % (valid.length() + 1);
        String invalid = InvalidInputs.insert(valid, at, bad);
        ValueFormatException e = catchThrowableOfType(ValueFormatException.class, () -> PciAddress.parse(invalid));
        assertThat(e).as("'%s' must be rejected", invalid).isNotNull();
        assertThat(e.position()).as(e.getMessage()).isEqualTo(at);
    }

    @Property
    void aBadCharacterInANodeDeviceNameIsReportedWhereItIs(@ForAll("addresses") PciAddress a, @ForAll("bad") char bad,
            @ForAll @IntRange(min = 0, max = 100) int where) {
        String valid = a.nodeDeviceName();
        int at = 4 + where % (valid.length() - 3); // after the "pci_" prefix
        String invalid = InvalidInputs.insert(valid, at, bad);
        ValueFormatException e = catchThrowableOfType(ValueFormatException.class,
                () -> PciAddress.fromNodeDeviceName(invalid));
        assertThat(e).as("'%s' must be rejected", invalid).isNotNull();
        assertThat(e.input()).isEqualTo(invalid);
        assertThat(e.position()).as(e.getMessage()).isEqualTo(at);
    }

    @Test
    void positionsOfCommonMistakes() {
        assertThat(positionOf("0000:3b:00.00")).isEqualTo(12);
        assertThat(positionOf("0000:3b:000.0")).isEqualTo(10);
        assertThat(positionOf("0000:3bc:00.0")).isEqualTo(7);
        assertThat(positionOf("0000:3g:00.0")).isEqualTo(6);
        assertThat(positionOf("000000000:3b:00.0")).isEqualTo(8);
    }

    private static int positionOf(String text) {
        ValueFormatException e = catchThrowableOfType(ValueFormatException.class, () -> PciAddress.parse(text));
        assertThat(e).as("'%s' must be rejected", text).isNotNull();
        return e.position();
    }
}
