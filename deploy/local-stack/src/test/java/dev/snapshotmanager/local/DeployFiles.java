package dev.snapshotmanager.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Reads the files under deploy/ for the deployment tests. */
final class DeployFiles {

    static final Path ROOT = Path.of(System.getProperty("snapshot.repo.root", "../..")).toAbsolutePath().normalize();
    static final Path DEPLOY = ROOT.resolve("deploy");
    static final Path KUBERNETES = DEPLOY.resolve("kubernetes");

    /** One YAML document and the file it came from. */
    record Doc(Path file, Map<String, Object> body) {

        String kind() {
            return (String) body.get("kind");
        }

        String name() {
            return (String) DeployFiles.map(body, "metadata").get("name");
        }
    }

    private DeployFiles() {
    }

    static List<Path> files(Path dir, String... extensions) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> Stream.of(extensions).anyMatch(e -> p.getFileName().toString().endsWith(e)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Doc> docs(Path file) {
        Yaml yaml = new Yaml(new LoaderOptions());
        List<Doc> docs = new ArrayList<>();
        try {
            for (Object doc : yaml.loadAll(Files.readString(file))) {
                if (doc != null) {
                    docs.add(new Doc(file, (Map<String, Object>) doc));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    static List<Doc> docs(Path dir, String kind) {
        return files(dir, ".yaml").stream().filter(f -> !f.getFileName().toString().equals("kustomization.yaml"))
                .flatMap(f -> docs(f).stream()).filter(d -> kind.equals(d.kind())).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String... path) {
        Map<String, Object> current = parent;
        for (String key : path) {
            Object next = current == null ? null : current.get(key);
            current = next instanceof Map ? (Map<String, Object>) next : null;
        }
        return current == null ? Map.of() : current;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> parent, String key) {
        Object value = parent == null ? null : parent.get(key);
        return value instanceof List ? (List<Object>) value : List.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Map<String, Object> parent, String key) {
        return list(parent, key).stream().map(o -> (Map<String, Object>) o).toList();
    }

    static String rootPomProperty(String name) {
        try {
            String pom = Files.readString(ROOT.resolve("pom.xml"));
            int start = pom.indexOf("<" + name + ">") + name.length() + 2;
            return pom.substring(start, pom.indexOf("</" + name + ">", start)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
