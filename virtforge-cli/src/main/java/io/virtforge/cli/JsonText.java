package io.virtforge.cli;

import io.virtforge.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers to write the commands' JSON with the SDK's {@link Json} writer. */
final class JsonText {
    private JsonText() {
    }

    /** JSON text already written (e.g. {@code Placement.toJson()}), embedded as it is. */
    static Json.JsonValue raw(String json) {
        return out -> out.append(json);
    }

    /** An ordered map from alternating keys and values. */
    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** A number rounded to two decimals, written without an exponent for the sizes a monitor shows. */
    static Json.JsonValue decimal(double value) {
        return out -> {
            if (!Double.isFinite(value)) {
                out.append("null");
            } else {
                out.append(java.math.BigDecimal.valueOf(value).setScale(2, java.math.RoundingMode.HALF_UP)
                        .stripTrailingZeros().toPlainString());
            }
        };
    }
}
