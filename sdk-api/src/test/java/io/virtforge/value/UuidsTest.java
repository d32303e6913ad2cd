package io.virtforge.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The 8-4-4-4-12 form only: every UUID's own text is accepted, in either case; nothing shorter, longer or wider. */
class UuidsTest {

    @Property(tries = 500)
    void everyUuidsTextInEitherCase(@ForAll long high, @ForAll long low) {
        UUID u = new UUID(high, low);
        assertThat(Uuids.parse(u.toString())).isEqualTo(u);
        assertThat(Uuids.parse(u.toString().toUpperCase(java.util.Locale.ROOT))).isEqualTo(u);
    }

    @Test
    void otherFormsAreRefused() {
        for (String text : new String[] {"", "1-2-3-4-5", "d069d019-36ea-4111-8f0a-8c9a70e2136",
            "d069d019-36ea-4111-8f0a-8c9a70e213666", "d069d01936ea-4111-8f0a-8c9a70e21366-",
            "d069d019_36ea_4111_8f0a_8c9a70e21366", "g069d019-36ea-4111-8f0a-8c9a70e21366",
            "\u0661069d019-36ea-4111-8f0a-8c9a70e2136", " d069d019-36ea-4111-8f0a-8c9a70e2136"}) {
            assertThat(Uuids.isCanonical(text)).as(text).isFalse();
            assertThatThrownBy(() -> Uuids.parse(text)).as(text).isInstanceOf(ValueFormatException.class);
        }
        // what UUID.fromString would take
        assertThat(UUID.fromString("1-2-3-4-5")).isNotNull();
    }
}
