package io.virtforge.testing;

import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.ValidationDriver;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * libvirt's RELAX NG schemas (Debian's libvirt0 installs them in /usr/share/libvirt/schemas), validated
 * with Jing: the external oracle for "libvirt would accept this document's shape". Tests skip with a
 * reason when the schemas are absent.
 */
public final class LibvirtSchema {
    /** Where the schemas are, overridable with -Dvirtforge.schemas=DIR. */
    public static final Path DIR = Paths.get(System.getProperty("virtforge.schemas", "/usr/share/libvirt/schemas"));
    private static final Map<String, ValidationDriver> DRIVERS = new ConcurrentHashMap<>();
    private static final List<String> ERRORS = new ArrayList<>();

    private LibvirtSchema() {
    }

    /** Skips the calling test when the schema is not installed. */
    public static void require(String schema) {
        Assumptions.assumeTrue(Files.isReadable(DIR.resolve(schema + ".rng")),
                "libvirt's RELAX NG schema " + DIR.resolve(schema + ".rng") + " is not installed (apt-get install libvirt0)");
    }

    /**
     * Validates a document against a schema ({@code domain}, {@code capability}, {@code nodedev}...);
     * returns the errors, empty when valid.
     */
    public static synchronized List<String> errors(String schema, String xml) {
        require(schema);
        ValidationDriver driver = DRIVERS.computeIfAbsent(schema, LibvirtSchema::load);
        ERRORS.clear();
        try {
            boolean ok = driver.validate(new InputSource(new StringReader(xml)));
            if (!ok && ERRORS.isEmpty()) {
                ERRORS.add("invalid (no message)");
            }
        } catch (Exception e) {
            ERRORS.add(e.toString());
        }
        return List.copyOf(ERRORS);
    }

    private static ValidationDriver load(String schema) {
        PropertyMapBuilder props = new PropertyMapBuilder();
        props.put(ValidateProperty.ERROR_HANDLER, new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                ERRORS.add("line " + e.getLineNumber() + ": " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                ERRORS.add("line " + e.getLineNumber() + ": " + e.getMessage());
            }
        });
        ValidationDriver driver = new ValidationDriver(props.toPropertyMap());
        try {
            if (!driver.loadSchema(ValidationDriver.fileInputSource(DIR.resolve(schema + ".rng").toFile()))) {
                throw new IllegalStateException("cannot load schema " + schema + ": " + ERRORS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot load schema " + schema, e);
        }
        return driver;
    }
}
