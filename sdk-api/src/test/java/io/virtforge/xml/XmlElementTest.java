package io.virtforge.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XmlElementTest {
    private static final List<String> ORDER = List.of("name", "uuid", "memory", "vcpu", "cputune", "os", "devices");

    private static XmlElement el(String name) {
        return XmlElement.builder(name).build();
    }

    private static List<String> childNames(XmlElement.Builder b) {
        return b.build().elements().stream().map(XmlElement::name).toList();
    }

    // ---- names

    @ParameterizedTest
    @ValueSource(strings = {"a", "domain", "qemu:commandline", "_x", "x-y.z", "\u00e9t\u00e9", "a1", "A", "ns:a-b_c.d",
        "\uD83D\uDE00", "a\u0300", "\uD800\uDC00x"})
    void validNamesAreAccepted(String name) {
        assertThat(XmlElement.builder(name).build().name()).isEqualTo(name);
        assertThat(XmlElement.builder("a").attribute(name, "v").build().attribute(name)).hasValue("v");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1a", "-a", ".a", "a b", "a<", "a>", "a=", "a'", "a\"", "a&", "a/", "\u00d7", "a\u0000", "a\t",
        "<a>", "\uD800", "a\uDC00", "\u0300a", "a\u037E", "a:b:c", ":a", "a:", "a:1b", "\uDB80\uDC00"})
    void invalidNamesAreRejected(String name) {
        assertThatThrownBy(() -> XmlElement.builder(name)).isInstanceOf(IllegalArgumentException.class);
        XmlElement.Builder b = XmlElement.builder("a");
        assertThatThrownBy(() -> b.attribute(name, "v")).isInstanceOf(IllegalArgumentException.class);
        assertThat(b.build().attributeCount()).isZero();
    }

    @Test
    void nullsAreRejected() {
        assertThatThrownBy(() -> XmlElement.builder(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> XmlElement.builder("a").attribute("x", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> XmlElement.builder("a").add(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> XmlElement.builder("a").text(null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @ValueSource(chars = {'\u0000', '\u0001', '\u001F', '\uFFFE', '\uFFFF'})
    void charactersXmlCannotHoldAreRejectedInValuesAndText(char c) {
        XmlElement.Builder b = XmlElement.builder("a");
        assertThatThrownBy(() -> b.attribute("v", "x" + c)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.text("x" + c)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.add(new XmlText("x" + c))).isInstanceOf(IllegalArgumentException.class);
        assertThat(b.build()).isEqualTo(el("a"));
    }

    // ---- attributes

    @Test
    void settingAnExistingAttributeKeepsItsPosition() {
        XmlElement e = XmlElement.builder("a").attribute("x", "1").attribute("y", "2").attribute("z", "3")
                .attribute("y", "two").build();
        assertThat(e.attributes()).containsExactly(new XmlAttribute("x", "1"), new XmlAttribute("y", "two"),
                new XmlAttribute("z", "3"));
        assertThat(e.attributeIndex("y")).isEqualTo(1);
    }

    @Test
    void aRemovedAttributeSetAgainGoesLast() {
        XmlElement.Builder b = XmlElement.builder("a").attribute("x", "1").attribute("y", "2").removeAttribute("x");
        assertThat(b.attribute("x")).isEmpty();
        assertThat(b.attribute("y")).hasValue("2");
        b.attribute("x", "3").removeAttribute("missing");
        assertThat(b.build().attributes()).extracting(XmlAttribute::name).containsExactly("y", "x");
    }

    @Test
    void attributeAccessors() {
        XmlElement e = XmlElement.builder("a").attribute("x", "1").attribute("qemu:y", "2").build();
        assertThat(e.attributeCount()).isEqualTo(2);
        assertThat(e.attributeName(1)).isEqualTo("qemu:y");
        assertThat(e.attributeValue(1)).isEqualTo("2");
        assertThat(e.hasAttribute("x")).isTrue();
        assertThat(e.hasAttribute("y")).isFalse();
        assertThat(e.attribute("nope")).isEmpty();
        assertThat(e.attributeIndex("nope")).isEqualTo(-1);
        assertThatThrownBy(() -> e.attributes().add(new XmlAttribute("z", "3")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    // ---- children

    @Test
    void setElementsPutsNewChildrenBeforeTheFirstLaterOneInTheCanonicalOrder() {
        XmlElement.Builder b = XmlElement.builder("domain").add(el("name")).add(el("os")).add(el("devices"));
        b.setElements("vcpu", List.of(el("vcpu")), ORDER);
        assertThat(childNames(b)).containsExactly("name", "vcpu", "os", "devices");
        b.setElements("memory", List.of(el("memory")), ORDER);
        assertThat(childNames(b)).containsExactly("name", "memory", "vcpu", "os", "devices");
        b.setElements("uuid", List.of(el("uuid")), ORDER);
        assertThat(childNames(b)).containsExactly("name", "uuid", "memory", "vcpu", "os", "devices");
    }

    @Test
    void setElementsSkipsChildrenThatAreNotInTheOrder() {
        XmlElement.Builder b = XmlElement.builder("domain").add(el("name")).add(el("metadata")).add(el("devices"));
        b.setElements("cputune", List.of(el("cputune")), ORDER);
        assertThat(childNames(b)).containsExactly("name", "metadata", "cputune", "devices");
    }

    @Test
    void setElementsAppendsWhenNothingLaterExistsOrTheNameIsNotInTheOrder() {
        XmlElement.Builder b = XmlElement.builder("domain").add(el("name"));
        b.setElements("devices", List.of(el("devices")), ORDER);
        b.setElements("custom", List.of(el("custom")), ORDER);
        assertThat(childNames(b)).containsExactly("name", "devices", "custom");
    }

    @Test
    void setElementsReplacesAllOldOnesWhereTheFirstWas() {
        XmlElement first = XmlElement.builder("vcpupin").attribute("vcpu", "0").build();
        XmlElement second = XmlElement.builder("vcpupin").attribute("vcpu", "1").build();
        XmlElement.Builder b = XmlElement.builder("cputune").add(el("shares")).add(first).add(el("period")).add(second);
        XmlElement a = XmlElement.builder("vcpupin").attribute("vcpu", "7").build();
        XmlElement c = XmlElement.builder("vcpupin").attribute("vcpu", "8").build();
        b.setElements("vcpupin", List.of(a, c), List.of());
        assertThat(b.build().elements()).containsExactly(el("shares"), a, c, el("period"));
        b.setElements("vcpupin", List.of(), List.of());
        assertThat(b.build().elements()).containsExactly(el("shares"), el("period"));
    }

    @Test
    void setElementsKeepsNonElementChildren() {
        XmlElement.Builder b = XmlElement.builder("a").add(new XmlComment("c")).add(el("x")).add(new XmlText("t"));
        b.setElements("x", List.of(el("x"), el("x")), List.of());
        assertThat(b.build().children()).containsExactly(new XmlComment("c"), el("x"), el("x"), new XmlText("t"));
    }

    @Test
    void setElementsWithAWronglyNamedReplacementIsRejectedAndChangesNothing() {
        XmlElement.Builder b = XmlElement.builder("domain").add(el("name")).add(el("vcpu")).add(el("os"));
        XmlElement before = b.build();
        assertThatThrownBy(() -> b.setElements("vcpu", List.of(el("memory")), ORDER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(b.build()).isEqualTo(before);
    }

    @Test
    void builderQueriesAndRemoval() {
        XmlElement.Builder b = XmlElement.builder("a").add(el("x")).add(el("y")).add(el("x"));
        assertThat(b.name()).isEqualTo("a");
        assertThat(b.elements("x")).hasSize(2);
        assertThat(b.element("y")).hasValue(el("y"));
        assertThat(b.element("z")).isEmpty();
        b.removeElements("x");
        assertThat(childNames(b)).containsExactly("y");
    }

    @Test
    void textReplacesAllChildren() {
        XmlElement.Builder b = XmlElement.builder("a").add(el("x")).text("hello");
        assertThat(b.build().children()).containsExactly(new XmlText("hello"));
        assertThat(b.text("").build().childCount()).isZero();
    }

    @Test
    void childAccessors() {
        XmlElement e = XmlElement.builder("a").add(new XmlText("one ")).add(el("b")).add(new XmlComment("c"))
                .add(new XmlText("two")).add(el("b")).build();
        assertThat(e.text()).isEqualTo("one two");
        assertThat(e.childCount()).isEqualTo(5);
        assertThat(e.child(1)).isEqualTo(el("b"));
        assertThat(e.elements()).hasSize(2);
        assertThat(e.elements("b")).hasSize(2);
        assertThat(e.elements("c")).isEmpty();
        assertThat(e.hasElementChildren()).isTrue();
        assertThat(el("a").hasElementChildren()).isFalse();
        assertThat(el("a").text()).isEmpty();
        assertThatThrownBy(() -> e.children().add(el("x"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> e.children().set(0, el("x"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void namesWithoutAPrefix() {
        assertThat(el("disk").prefix()).isEmpty();
        assertThat(el("disk").localName()).isEqualTo("disk");
    }

    @Test
    void toBuilderCopiesAndLeavesTheOriginalUnchanged() {
        XmlElement e = XmlElement.builder("a").attribute("x", "1").add(el("b")).build();
        XmlElement changed = e.toBuilder().attribute("x", "2").add(el("c")).build();
        assertThat(e.toBuilder().build()).isEqualTo(e);
        assertThat(e.attribute("x")).hasValue("1");
        assertThat(e.childCount()).isEqualTo(1);
        assertThat(changed.attribute("x")).hasValue("2");
        assertThat(changed.childCount()).isEqualTo(2);
    }

    // ---- equality

    @Test
    void equalityIgnoresAttributeOrderButNotChildOrder() {
        XmlElement xy = XmlElement.builder("a").attribute("x", "1").attribute("y", "2").build();
        XmlElement yx = XmlElement.builder("a").attribute("y", "2").attribute("x", "1").build();
        assertThat(xy).isEqualTo(yx).hasSameHashCodeAs(yx);
        XmlElement bc = XmlElement.builder("a").add(el("b")).add(el("c")).build();
        XmlElement cb = XmlElement.builder("a").add(el("c")).add(el("b")).build();
        assertThat(bc).isNotEqualTo(cb);
        assertThat(xy).isNotEqualTo(XmlElement.builder("a").attribute("x", "1").attribute("y", "3").build());
        assertThat(xy).isNotEqualTo(XmlElement.builder("a").attribute("x", "1").attribute("z", "2").build());
        assertThat(xy).isNotEqualTo(XmlElement.builder("a").attribute("x", "1").build());
        assertThat(xy).isNotEqualTo(XmlElement.builder("b").attribute("x", "1").attribute("y", "2").build());
        assertThat(el("a")).isNotEqualTo(XmlElement.builder("a").text("t").build());
        assertThat((Object) el("a")).isNotEqualTo(new XmlText("a"));
    }

    @Test
    void sourcePositionsDoNotTakePartInEquality() {
        XmlElement parsed = XmlParser.defaults().parse("\n\n   <a x='1'><b/></a>");
        XmlElement built = XmlElement.builder("a").attribute("x", "1").add(el("b")).build();
        assertThat(parsed.line()).isEqualTo(3);
        assertThat(built.line()).isZero();
        assertThat(parsed).isEqualTo(built).hasSameHashCodeAs(built);
    }

    @Test
    void hashCodeIsStableEvenWhenTheComputedHashIsZero() {
        XmlElement e = zeroHashElement();
        int first = e.hashCode();
        assertThat(e.hashCode()).isEqualTo(first);
        XmlElement copy = e.toBuilder().build();
        assertThat(e).isEqualTo(copy); // compares a cached hash with a fresh one
        assertThat(copy).isEqualTo(e);
        assertThat(copy.hashCode()).isEqualTo(first);
    }

    /**
     * An element whose structural hash is 0: {@code <a v='...'/>} with a value chosen so that
     * {@code 31 * (31 * hash("a") + (hash("v") ^ hash(value))) + 1 == 0} (1 is the hash of no children).
     */
    private static XmlElement zeroHashElement() {
        int inverse31 = 0xBDEF7BDF; // 31 * 0xBDEF7BDF == 1 (mod 2^32)
        assertThat(31 * inverse31).isEqualTo(1);
        int attrs = -inverse31 - 31 * "a".hashCode();
        int valueHash = attrs ^ "v".hashCode();
        String value = stringWithHash(valueHash);
        XmlElement e = XmlElement.builder("a").attribute("v", value).build();
        assertThat(31 * (31 * "a".hashCode() + ("v".hashCode() ^ value.hashCode())) + 1).isZero();
        return e;
    }

    /** A string of printable characters whose {@link String#hashCode()} is {@code target}. */
    private static String stringWithHash(int target) {
        for (int i = 0; ; i++) {
            String prefix = "p" + i;
            long rest = Integer.toUnsignedLong(target - 31 * 31 * prefix.hashCode());
            // rest == 31 * c1 + c2 with both characters in [0x20, 0xD7FF]
            long c1 = (rest - 0x20) / 31;
            long c2 = rest - 31 * c1;
            if (c1 >= 0x20 && c1 <= 0xD7FF && c2 >= 0x20 && c2 <= 0xD7FF) {
                String s = prefix + (char) c1 + (char) c2;
                if (s.hashCode() == target) {
                    return s;
                }
            }
        }
    }

    // ---- other nodes

    @Test
    void commentsCannotHoldTheirEndMarker() {
        assertThatThrownBy(() -> new XmlComment("a--b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new XmlComment("a-")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new XmlComment("-a- b").text()).isEqualTo("-a- b");
    }

    @Test
    void whitespaceText() {
        assertThat(new XmlText(" \t\r\n").isWhitespace()).isTrue();
        assertThat(new XmlText("").isWhitespace()).isTrue();
        assertThat(new XmlText(" x ").isWhitespace()).isFalse();
        assertThat(new XmlText("\u00a0").isWhitespace()).isFalse();
    }
}
