package io.virtforge.check;

import io.virtforge.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One finding of a validation: a stable code (e.g. {@code NUMA_CROSSING}), a severity, the path of the
 * offending element (e.g. {@code /domain/cputune/vcpupin[@vcpu='3']}), a message saying what is wrong
 * and a hint saying how to fix it.
 *
 * @param code     the stable code
 * @param severity the severity
 * @param path     where
 * @param message  what is wrong
 * @param hint     how to fix it
 */
public record Finding(String code, Severity severity, String path, String message, String hint)
        implements Json.JsonValue {
    /** Checks that nothing is null. */
    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hint, "hint");
    }

    @Override
    public void writeJson(StringBuilder out) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("severity", severity.name());
        m.put("path", path);
        m.put("message", message);
        m.put("hint", hint);
        Json.write(m, out);
    }

    /** One line for people: {@code ERROR NUMA_CROSSING /domain/...: message (hint)}. */
    @Override
    public String toString() {
        return severity + " " + code + " " + path + ": " + message + (hint.isEmpty() ? "" : " Hint: " + hint);
    }
}
