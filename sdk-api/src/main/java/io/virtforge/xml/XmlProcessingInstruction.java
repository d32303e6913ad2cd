package io.virtforge.xml;

import java.util.Locale;
import java.util.Objects;

/**
 * A processing instruction ({@code <?target data?>}), kept verbatim.
 *
 * @param target the instruction's target name: a name without ':', and not {@code xml} in any case
 * @param data   the rest, possibly empty; it may not hold {@code ?>}
 */
public record XmlProcessingInstruction(String target, String data) implements XmlNode {
    /** Checks that both parts are present and can be written. */
    public XmlProcessingInstruction {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(data, "data");
        if (!XmlChars.isValidName(target) || target.indexOf(':') >= 0) {
            throw new IllegalArgumentException("not a processing instruction target: '" + target + "'");
        }
        if (target.toLowerCase(Locale.ROOT).equals("xml")) {
            throw new IllegalArgumentException("the target '" + target + "' is reserved for the XML declaration");
        }
        if (data.contains("?>")) {
            throw new IllegalArgumentException("processing instruction data may not contain '?>'");
        }
        XmlElement.Builder.checkChars(data, "processing instruction data");
    }
}
