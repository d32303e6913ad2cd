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
 * reason when the schemas are absent. {@link #in(Path)} reads another folder's schemas, such as those of a
 * fetched libvirt corpus ({@link LibvirtCorpus#schemas()}).
 */
public final class LibvirtSchema {
    /** Where the installed schemas are, overridable with -Dvirtforge.schemas=DIR. */
    public static final Path DIR = Paths.get(System.getProperty("virtforge.schemas", "/usr/share/libvirt/schemas"));
    private static final Map<Path, LibvirtSchema> BY_DIR = new ConcurrentHashMap<>();
    private final Path dir;
    private final Map<String, ValidationDriver> drivers = new ConcurrentHashMap<>();
    private final List<String> errors = new ArrayList<>();

    private LibvirtSchema(Path dir) {
        this.dir = dir;
    }

    /** The installed schemas ({@link #DIR}). */
    public static LibvirtSchema installed() {
        return in(DIR);
    }

    /** The schemas of a folder, such as a libvirt source tree's {@code src/conf/schemas}. */
    public static LibvirtSchema in(Path dir) {
        return BY_DIR.computeIfAbsent(dir.toAbsolutePath().normalize(), LibvirtSchema::new);
    }

    /** The schemas' folder. */
    public Path dir() {
        return dir;
    }

    /** Skips the calling test when the installed schema is absent. */
    public static void require(String schema) {
        installed().requireSchema(schema);
    }

    /** Skips the calling test when this folder lacks the schema. */
    public void requireSchema(String schema) {
        Assumptions.assumeTrue(Files.isReadable(dir.resolve(schema + ".rng")),
                "libvirt's RELAX NG schema " + dir.resolve(schema + ".rng") + " is not installed (apt-get install libvirt0)");
    }

    /**
     * Validates a document against an installed schema ({@code domain}, {@code capability}, {@code nodedev}...);
     * returns the errors, empty when valid.
     */
    public static List<String> errors(String schema, String xml) {
        return installed().validate(schema, xml);
    }

    /** Validates a document against a schema of this folder; returns the errors, empty when valid. */
    public synchronized List<String> validate(String schema, String xml) {
        requireSchema(schema);
        ValidationDriver driver = drivers.computeIfAbsent(schema, this::load);
        errors.clear();
        try {
            boolean ok = driver.validate(new InputSource(new StringReader(xml)));
            if (!ok && errors.isEmpty()) {
                errors.add("invalid (no message)");
            }
        } catch (Exception e) {
            errors.add(e.toString());
        }
        return List.copyOf(errors);
    }

    private ValidationDriver load(String schema) {
        PropertyMapBuilder props = new PropertyMapBuilder();
        props.put(ValidateProperty.ERROR_HANDLER, new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                errors.add("line " + e.getLineNumber() + ": " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                errors.add("line " + e.getLineNumber() + ": " + e.getMessage());
            }
        });
        ValidationDriver driver = new ValidationDriver(props.toPropertyMap());
        try {
            if (!driver.loadSchema(ValidationDriver.fileInputSource(dir.resolve(schema + ".rng").toFile()))) {
                throw new IllegalStateException("cannot load schema " + schema + " of " + dir + ": " + errors);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot load schema " + schema + " of " + dir, e);
        }
        return driver;
    }
}
