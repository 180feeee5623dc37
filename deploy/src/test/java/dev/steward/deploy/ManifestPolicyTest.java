package dev.steward.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deployment policy (docs/kubernetes.md), held for every workload of every overlay. */
class ManifestPolicyTest {

    private static final Set<String> SERVICES = Set.of("identity-service", "cluster-service", "jobs-service", "gateway-service");
    private static final Set<String> HEALTH_PATHS = Set.of("/health/readiness", "/health/liveness", "/gateway/health/liveness", "/v1/health");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|TOKEN|SECRET|_KEY|KEK|DATASOURCES_DEFAULT_URL).*");
    private static final String NAME = "app.kubernetes.io/name";

    /** Every pod template with the name of its workload. */
    private static Map<String, PodTemplateSpec> workloads(List<HasMetadata> manifests) {
        Map<String, PodTemplateSpec> templates = new LinkedHashMap<>();
        Manifests.ofKind(manifests, Deployment.class).forEach(d -> templates.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
        Manifests.ofKind(manifests, DaemonSet.class).forEach(d -> templates.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
        return templates;
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "infra"})
    void everyManifestIsATypedKubernetesObjectWithNoUnknownField(String overlay) {
        List<HasMetadata> manifests = Manifests.render(overlay);
        assertFalse(manifests.isEmpty());
        manifests.forEach(manifest -> assertNotNull(manifest.getMetadata().getNamespace(), manifest.getMetadata().getName()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void everyWorkloadIsThereAndRunsNonRootOnAReadOnlyRootFilesystem(String overlay) {
        Map<String, PodTemplateSpec> workloads = workloads(Manifests.render(overlay));
        assertEquals(Set.of("identity-service", "cluster-service", "jobs-service", "gateway-service", "node-agent"), workloads.keySet());
        workloads.forEach((name, template) -> {
            PodSpec pod = template.getSpec();
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), name + ": no API token in a pod that never calls the API");
            assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), name);
            for (Container container : pod.getContainers()) {
                var security = container.getSecurityContext();
                assertNotNull(security, name);
                assertEquals(Boolean.TRUE, security.getRunAsNonRoot(), name);
                assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem(), name);
                assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation(), name);
                assertTrue(security.getCapabilities().getDrop().contains("ALL"), name);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void everyContainerHasProbesOnAHealthEndpointAndRequestsAndLimits(String overlay) {
        workloads(Manifests.render(overlay)).forEach((name, template) -> {
            for (Container container : template.getSpec().getContainers()) {
                for (Probe probe : List.of(container.getReadinessProbe(), container.getLivenessProbe())) {
                    assertNotNull(probe, name + " has readiness and liveness probes");
                    assertTrue(HEALTH_PATHS.contains(probe.getHttpGet().getPath()), name + ": " + probe.getHttpGet().getPath());
                    String port = probe.getHttpGet().getPort().getStrVal();
                    assertTrue(container.getPorts().stream().anyMatch(p -> p.getName().equals(port)), name + " probes a port it has: " + port);
                }
                for (String resource : List.of("cpu", "memory")) {
                    assertNotNull(container.getResources().getRequests().get(resource), name + " requests " + resource);
                    assertNotNull(container.getResources().getLimits().get(resource), name + " is limited in " + resource);
                }
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void secretsComeOnlyFromSecretReferences(String overlay) {
        List<HasMetadata> manifests = Manifests.render(overlay);
        assertTrue(manifests.stream().noneMatch(m -> m.getKind().equals("Secret")), "no Secret (and so no default) is shipped");
        workloads(manifests).forEach((name, template) -> {
            for (Container container : template.getSpec().getContainers()) {
                for (EnvVar env : container.getEnv()) {
                    if (SECRET_NAME.matcher(env.getName()).matches()) {
                        assertTrue(env.getValue() == null && env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null,
                                name + ": " + env.getName() + " must come from a Secret");
                    }
                }
            }
        });
    }

    @Test
    void eachWorkloadAuthenticatesToKafkaAsItsOwnPrincipal() throws Exception {
        Set<String> principals = Files.readAllLines(Manifests.kubernetesDirectory().resolveSibling("kafka/acls.tsv")).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).map(line -> line.split("\\s+")[0])
                .collect(Collectors.toSet());
        workloads(Manifests.render("overlays/prod")).forEach((name, template) -> {
            Map<String, EnvVar> env = template.getSpec().getContainers().get(0).getEnv().stream()
                    .collect(Collectors.toMap(EnvVar::getName, e -> e));
            String principal = env.get("KAFKA_USERNAME").getValue();
            assertEquals(name.replace("-service", "").replace("node-", ""), principal, name);
            assertTrue(principals.contains(principal), principal + " is granted in deploy/kafka/acls.tsv");
            assertEquals("steward-kafka-" + principal, env.get("KAFKA_PASSWORD").getValueFrom().getSecretKeyRef().getName(),
                    name + " uses its own principal's password only");
        });
    }

    @Test
    void productionRunsEveryServiceAtLeastTwiceWithABudgetAndAnAutoscaler() {
        List<HasMetadata> manifests = Manifests.render("overlays/prod");
        List<Deployment> deployments = Manifests.ofKind(manifests, Deployment.class);
        assertEquals(SERVICES, deployments.stream().map(d -> d.getMetadata().getName()).collect(Collectors.toSet()));
        for (Deployment deployment : deployments) {
            String name = deployment.getMetadata().getName();
            assertTrue(deployment.getSpec().getReplicas() >= 2, name + ": " + deployment.getSpec().getReplicas());
            assertEquals(deployment.getSpec().getSelector().getMatchLabels(),
                    Map.of(NAME, deployment.getSpec().getTemplate().getMetadata().getLabels().get(NAME)), name + " selects its pods");
            PodDisruptionBudget budget = Manifests.ofKind(manifests, PodDisruptionBudget.class).stream()
                    .filter(pdb -> name.equals(pdb.getSpec().getSelector().getMatchLabels().get(NAME))).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " has no PodDisruptionBudget"));
            assertTrue(budget.getSpec().getMinAvailable().getIntVal() >= 1, name + " keeps a replica through a drain");
            HorizontalPodAutoscaler autoscaler = Manifests.ofKind(manifests, HorizontalPodAutoscaler.class).stream()
                    .filter(hpa -> name.equals(hpa.getSpec().getScaleTargetRef().getName())).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " has no HorizontalPodAutoscaler"));
            assertTrue(autoscaler.getSpec().getMinReplicas() >= 2, name + " never scales below 2");
            assertTrue(autoscaler.getSpec().getMinReplicas() <= deployment.getSpec().getReplicas()
                    && deployment.getSpec().getReplicas() <= autoscaler.getSpec().getMaxReplicas(), name + " starts inside its bounds");
            Service service = Manifests.ofKind(manifests, Service.class).stream().filter(s -> s.getMetadata().getName().equals(name))
                    .findFirst().orElseThrow(() -> new AssertionError(name + " has no Service"));
            assertEquals(Map.of(NAME, name), service.getSpec().getSelector());
        }
    }

    @Test
    void developmentRunsOneOfEachWithoutBlockingDrains() {
        List<HasMetadata> manifests = Manifests.render("overlays/dev");
        Manifests.ofKind(manifests, Deployment.class).forEach(d -> assertEquals(1, d.getSpec().getReplicas(), d.getMetadata().getName()));
        Manifests.ofKind(manifests, PodDisruptionBudget.class).forEach(pdb -> {
            assertEquals(null, pdb.getSpec().getMinAvailable(), pdb.getMetadata().getName());
            assertEquals(1, pdb.getSpec().getMaxUnavailable().getIntVal(), pdb.getMetadata().getName());
        });
        Manifests.ofKind(manifests, HorizontalPodAutoscaler.class).forEach(hpa -> assertEquals(1, hpa.getSpec().getMinReplicas()));
    }

    private static NetworkPolicy policy(List<HasMetadata> manifests, String name) {
        return Manifests.ofKind(manifests, NetworkPolicy.class).stream().filter(p -> p.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no NetworkPolicy " + name));
    }

    private static boolean isPodOf(NetworkPolicyPeer peer, String app) {
        return peer.getPodSelector() != null && peer.getPodSelector().getMatchLabels() != null
                && app.equals(peer.getPodSelector().getMatchLabels().get(NAME));
    }

    @Test
    void onlyGatewayPodsReachTheServicesAndNothingElseIsOpen() {
        List<HasMetadata> manifests = Manifests.render("overlays/prod");
        NetworkPolicy deny = policy(manifests, "default-deny");
        var selector = deny.getSpec().getPodSelector();
        assertTrue((selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty()) && selector.getMatchExpressions().isEmpty(),
                "the default deny selects every pod");
        assertEquals(List.of("Ingress", "Egress"), deny.getSpec().getPolicyTypes());
        assertTrue(deny.getSpec().getIngress().isEmpty() && deny.getSpec().getEgress().isEmpty());

        NetworkPolicy services = policy(manifests, "services");
        assertEquals(Set.of("identity-service", "cluster-service", "jobs-service"),
                Set.copyOf(services.getSpec().getPodSelector().getMatchExpressions().get(0).getValues()));
        for (NetworkPolicyIngressRule rule : services.getSpec().getIngress()) {
            assertFalse(rule.getFrom().isEmpty(), "no rule open to anyone: " + rule);
            for (NetworkPolicyPeer peer : rule.getFrom()) {
                boolean gateway = isPodOf(peer, "gateway-service") && peer.getNamespaceSelector() == null && peer.getIpBlock() == null;
                boolean scrape = peer.getNamespaceSelector() != null && peer.getPodSelector() == null
                        && "monitoring".equals(peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"))
                        && !rule.getPorts().isEmpty();
                assertTrue(gateway || scrape, "services take gateway pods and scrapes only: " + peer);
            }
        }
        NetworkPolicy agents = policy(manifests, "node-agent");
        agents.getSpec().getIngress().forEach(rule -> rule.getFrom().forEach(peer ->
                assertTrue(isPodOf(peer, "cluster-service"), "only cluster-service connects to agents: " + peer)));
    }

    @Test
    void onlyStewardsServicesReachPostgresqlAndKafka() {
        List<HasMetadata> infra = Manifests.render("infra");
        NetworkPolicy postgres = policy(infra, "steward-postgresql");
        Set<String> clients = postgres.getSpec().getIngress().stream().flatMap(rule -> rule.getFrom().stream())
                .filter(peer -> peer.getNamespaceSelector() != null && "steward".equals(
                        peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name")))
                .flatMap(peer -> peer.getPodSelector().getMatchExpressions().get(0).getValues().stream()).collect(Collectors.toSet());
        assertEquals(Set.of("identity-service", "cluster-service", "jobs-service"), clients, "gateways and agents never reach PostgreSQL");
        for (String policyName : List.of("steward-postgresql", "steward-kafka")) {
            for (NetworkPolicyIngressRule rule : policy(infra, policyName).getSpec().getIngress()) {
                assertFalse(rule.getFrom().isEmpty(), policyName + " has no rule open to anyone");
                rule.getFrom().forEach(peer -> assertTrue(peer.getIpBlock() == null, policyName + ": no address ranges: " + peer));
            }
        }
    }

    @Test
    void prometheusScrapesEveryServiceAndTheGatewayWithTheMetricsToken() {
        List<HasMetadata> manifests = Manifests.render("overlays/prod");
        List<ServiceMonitor> monitors = Manifests.ofKind(manifests, ServiceMonitor.class);
        for (Service service : Manifests.ofKind(manifests, Service.class)) {
            String name = service.getMetadata().getName();
            ServiceMonitor monitor = monitors.stream().filter(m -> {
                var selector = m.getSpec().getSelector();
                return (selector.getMatchLabels() != null && name.equals(selector.getMatchLabels().get(NAME)))
                        || selector.getMatchExpressions().stream().anyMatch(e -> e.getKey().equals(NAME) && e.getValues().contains(name));
            }).findFirst().orElseThrow(() -> new AssertionError(name + " is not scraped"));
            var endpoint = monitor.getSpec().getEndpoints().get(0);
            assertTrue(service.getSpec().getPorts().stream().anyMatch(p -> p.getName().equals(endpoint.getPort())), name);
            if (name.equals("gateway-service")) {
                assertEquals("/gateway/prometheus", endpoint.getPath());
                assertEquals("metrics-token", endpoint.getAuthorization().getCredentials().getKey(), "the gateway's metrics need the token");
            } else {
                assertEquals("/prometheus", endpoint.getPath());
            }
        }
    }
}
