import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Grants the ACLs of deploy/kafka/acls.tsv on a broker, as its super user. Run by scripts/infra.sh
 * with the broker's jars on the class path (single-file source launch, no build step):
 *
 *   KAFKA_ADMIN_PASSWORD=... java -cp "lib/*" KafkaAcls.java BOOTSTRAP ACLS_FILE
 */
public final class KafkaAcls {

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || System.getenv("KAFKA_ADMIN_PASSWORD") == null) {
            System.err.println("usage: KAFKA_ADMIN_PASSWORD=... java KafkaAcls.java BOOTSTRAP ACLS_FILE");
            System.exit(2);
        }
        List<AclBinding> bindings = parse(Path.of(args[1]));
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\""
                        + System.getenv("KAFKA_ADMIN_PASSWORD") + "\";",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        try (Admin admin = Admin.create(config)) {
            admin.createAcls(bindings).all().get();
        }
        System.out.println(bindings.size() + " ACLs granted from " + args[1]);
    }

    static List<AclBinding> parse(Path file) throws Exception {
        List<AclBinding> bindings = new ArrayList<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(file)) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split("\\s+");
            if (fields.length != 5) {
                throw new IllegalArgumentException(file + ":" + lineNumber + ": expected 5 fields, got " + fields.length);
            }
            ResourcePattern resource = new ResourcePattern(ResourceType.fromString(fields[1].toUpperCase(Locale.ROOT)),
                    fields[3], PatternType.fromString(fields[2].toUpperCase(Locale.ROOT)));
            for (String operation : fields[4].split(",")) {
                AclOperation op = AclOperation.fromString(operation.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
                if (op == AclOperation.UNKNOWN || resource.resourceType() == ResourceType.UNKNOWN
                        || resource.patternType() == PatternType.UNKNOWN) {
                    throw new IllegalArgumentException(file + ":" + lineNumber + ": unknown resource, pattern or operation: " + trimmed);
                }
                bindings.add(new AclBinding(resource, new AccessControlEntry("User:" + fields[0], "*", op, AclPermissionType.ALLOW)));
            }
        }
        return bindings;
    }
}
