package org.peakpilot.demo;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import org.peakpilot.monitoring.EnergyMonitoring;
import org.peakpilot.monitoring.Gateway;
import org.peakpilot.plan.PilotPlan;
import org.peakpilot.platform.InstanceSettings;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * The demo simulator ({@code PEAKPILOT_SIMULATOR=true}, with the demo data set): the demo gateways send their
 * meters' 15-minute readings ({@link DemoLoad}) like real ones, over the public interfaces only — MQTT (QoS 1 to
 * {@code <root>/readings/<gateway id>}, each gateway connected with its id and device token as credentials; the token
 * also in the {@code authorization} user property for an external broker that does not check topics) or HTTP
 * ({@code POST /api/v1/monitoring/readings} with the token), as {@code demo/gateways.csv} says. On start it gives
 * each demo gateway a fresh token (the demo keeps none), back-fills today so far (and {@code backfill-days} before),
 * then sends each interval as it ends. A gateway with an outage window sends nothing during it, and afterwards
 * either its buffered readings or (without resend) nothing for those intervals, which leaves gaps. Readings that
 * fail to go out are sent again on the next tick: ingest stores them once.
 */
@Component
@ConditionalOnBooleanProperty("peakpilot.demo.simulator.enabled")
class DemoSimulator implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(DemoSimulator.class);
	private static final int BATCH = 5_000;

	/** A demo gateway as the simulator drives it. */
	static final class Simulated {
		final DemoMonitoringData.Gateway row;
		final long id;
		final String token;
		final List<DemoLoad> meters;
		/** An MQTT gateway's own connection (its id and token as credentials); null for an HTTP one. */
		Mqtt5AsyncClient mqtt;
		/** Readings are sent up to (including) this interval end. */
		Instant sentUpTo;
		boolean failing;

		Simulated(DemoMonitoringData.Gateway row, long id, String token, List<DemoLoad> meters, Instant sentUpTo) {
			this.row = row;
			this.id = id;
			this.token = token;
			this.meters = meters;
			this.sentUpTo = sentUpTo;
		}
	}

	private final SimulatorSettings settings;
	private final PilotPlan plan;
	private final Registry registry;
	private final EnergyMonitoring monitoring;
	private final InstanceSettings instance;
	private final JsonMapper json;
	private final Environment environment;
	private final Clock clock;
	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	private final AtomicLong sent = new AtomicLong();
	private final AtomicLong broken = new AtomicLong();
	private volatile boolean running;
	private volatile List<Simulated> gateways = List.of();
	private Thread thread;
	/** Whether messages carry the device token as a user property too (an external broker that does not check topics). */
	private boolean tokenProperty;
	private URI readingsUrl;
	private Instant start;
	private Instant from;

	DemoSimulator(SimulatorSettings settings, PilotPlan plan, Registry registry, EnergyMonitoring monitoring, InstanceSettings instance,
			JsonMapper json, Environment environment, Clock clock) {
		this.settings = settings;
		this.plan = plan;
		this.registry = registry;
		this.monitoring = monitoring;
		this.instance = instance;
		this.json = json;
		this.environment = environment;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	synchronized void start() {
		if (!instance.holdsDemoData()) {
			log.warn("PEAKPILOT_SIMULATOR=true needs the demo data set (PEAKPILOT_DEMO=true on an empty database): the simulator does not run");
			return;
		}
		start = clock.instant();
		from = start.atZone(DemoLoad.BEIJING).toLocalDate().minusDays(settings.backfillDays()).atStartOfDay(DemoLoad.BEIJING).toInstant();
		gateways = SystemActor.call("simulator", this::prepare);
		if (gateways.isEmpty()) {
			log.warn("The plan folder's demo has no gateways (demo/gateways.csv): the simulator has nothing to send");
			return;
		}
		readingsUrl = URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port", "8080") + "/api/v1/monitoring/readings");
		URI broker = URI.create(settings.mqttUrl());
		tokenProperty = !environment.getProperty("peakpilot.monitoring.mqtt.broker-url", "").isBlank()
				&& !environment.getProperty("peakpilot.monitoring.mqtt.broker-authorizes-topics", Boolean.class, false);
		for (Simulated g : gateways) {
			if (g.row.channel() != DemoMonitoringData.Channel.MQTT) {
				continue;
			}
			// each gateway signs in on its own: its id as user name, its device token as password
			g.mqtt = Mqtt5Client.builder().identifier("peakpilot-simulator-" + g.id + "-" + ProcessHandle.current().pid())
				.serverHost(broker.getHost()).serverPort(broker.getPort() < 0 ? 1883 : broker.getPort()).simpleAuth()
				.username(Long.toString(g.id)).password(g.token.getBytes(java.nio.charset.StandardCharsets.UTF_8)).applySimpleAuth()
				.automaticReconnectWithDefaultConfig().buildAsync();
			g.mqtt.connect().whenComplete((ack, ex) -> {
				if (ex != null) {
					log.warn("Simulator: MQTT broker at {} not reachable for gateway {} ({}); retrying", settings.mqttUrl(), g.id, ex.getMessage());
				}
			});
		}
		running = true;
		thread = new Thread(this::loop, "demo-simulator");
		thread.setDaemon(true);
		thread.start();
		log.info("Simulator: {} gateways with {} meters send readings (MQTT to {} under {}/readings/<gateway id>, HTTP to {}), "
				+ "from {} on, {}", gateways.size(), gateways.stream().mapToInt(g -> g.meters.size()).sum(), settings.mqttUrl(),
				settings.topicRoot(), readingsUrl, from, settings.speed() > 1 ? settings.speed() + " times as fast until now" : "at once, then as each interval ends");
	}

	/** The demo gateways with fresh tokens and their meters' load models. */
	private List<Simulated> prepare() {
		DemoDataSet data = DemoDataSet.read(plan::planFile);
		DemoMonitoringData monitored = DemoMonitoringData.read(plan::planFile);
		Map<String, Long> byUscc = registry.enterprises(RegistryModel.EnterpriseQuery.ALL).stream()
			.collect(Collectors.toMap(RegistryModel.Enterprise::uscc, RegistryModel.Enterprise::id));
		Map<String, Long> enterprises = new LinkedHashMap<>();
		data.enterprises().forEach(e -> {
			Long id = byUscc.get(e.uscc());
			if (id != null) {
				enterprises.put(e.key(), id);
			}
		});
		List<Simulated> out = new ArrayList<>();
		for (DemoMonitoringData.Gateway g : monitored.gateways()) {
			Long enterpriseId = enterprises.get(g.enterpriseKey());
			if (enterpriseId == null) {
				log.warn("Simulator: enterprise '{}' of {} line {} is not registered; its gateway is left out", g.enterpriseKey(),
						DemoMonitoringData.GATEWAYS, g.line());
				continue;
			}
			Gateway gateway = monitoring.gateways(enterpriseId).stream().filter(x -> x.name().equals(g.name()) && x.revokedAt() == null)
				.findFirst().orElseGet(() -> monitoring.createGateway(enterpriseId, g.name()).gateway());
			String token = monitoring.rotateGatewayToken(gateway.id()).token();
			List<DemoLoad> meters = monitored.meters().stream().filter(m -> m.enterpriseKey().equals(g.enterpriseKey()))
				.map(m -> new DemoLoad(g.enterpriseKey(), m, monitored.profiles().get(m.profile()), g.badPer1000())).toList();
			out.add(new Simulated(g, gateway.id(), token, meters, from));
		}
		return out;
	}

	private void loop() {
		while (running) {
			try {
				tick();
			}
			catch (RuntimeException ex) {
				log.warn("Simulator round failed, trying again: {}", ex.toString());
			}
			try {
				Thread.sleep(settings.tick().toMillis());
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/** Sends what each gateway has due up to the simulated now. */
	void tick() {
		Instant now = clock.instant();
		Instant simulated = settings.speed() > 1
				? min(now, from.plusMillis((long) (Duration.between(start, now).toMillis() * settings.speed())))
				: now;
		LocalTime local = simulated.atZone(DemoLoad.BEIJING).toLocalTime();
		for (Simulated g : gateways) {
			if (!running) {
				return;
			}
			if (g.row.offlineAt(local)) {
				continue;
			}
			List<DemoLoad.Reading> due = new ArrayList<>();
			Instant upTo = g.sentUpTo;
			for (DemoLoad m : g.meters) {
				long last = m.indexAt(simulated);
				for (long i = m.indexAt(g.sentUpTo) + 1; i <= last; i++) {
					Instant ts = m.end(i);
					upTo = ts.isAfter(upTo) ? ts : upTo;
					DemoLoad.Reading r = m.reading(i);
					boolean wasOffline = g.row.offlineAt(ts.minusSeconds(60).atZone(DemoLoad.BEIJING).toLocalTime());
					if (!wasOffline || g.row.resendAfterOutage()) {
						due.add(r);
					}
				}
			}
			if (due.isEmpty()) {
				g.sentUpTo = upTo;
				continue;
			}
			if (send(g, due)) {
				g.sentUpTo = upTo;
				sent.addAndGet(due.size());
				broken.addAndGet(due.stream().filter(r -> r.broken() != null).count());
			}
		}
	}

	private boolean send(Simulated g, List<DemoLoad.Reading> due) {
		for (int i = 0; i < due.size(); i += BATCH) {
			List<DemoLoad.Reading> batch = due.subList(i, Math.min(due.size(), i + BATCH));
			byte[] body = payload(batch);
			try {
				if (g.row.channel() == DemoMonitoringData.Channel.MQTT) {
					var publish = g.mqtt.publishWith().topic(settings.topicRoot() + "/readings/" + g.id).qos(MqttQos.AT_LEAST_ONCE).payload(body);
					if (tokenProperty) {
						publish.userProperties().add("authorization", "Bearer " + g.token).applyUserProperties();
					}
					publish.send().get(10, TimeUnit.SECONDS);
				}
				else {
					HttpResponse<String> r = http.send(HttpRequest.newBuilder(readingsUrl).timeout(Duration.ofSeconds(30))
						.header("Authorization", "Bearer " + g.token).header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
					if (r.statusCode() != 200) {
						throw new IllegalStateException("HTTP " + r.statusCode() + " " + r.body());
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			catch (Exception ex) {
				if (!g.failing) {
					log.warn("Simulator: gateway {} could not send {} readings over {} ({}); it tries again", g.id, batch.size(),
							g.row.channel(), ex.getMessage());
				}
				g.failing = true;
				return false;
			}
		}
		if (g.failing) {
			log.info("Simulator: gateway {} sends again", g.id);
		}
		g.failing = false;
		return true;
	}

	private byte[] payload(List<DemoLoad.Reading> batch) {
		List<Map<String, Object>> readings = new ArrayList<>(batch.size());
		for (DemoLoad.Reading r : batch) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("meter", r.meter());
			m.put("ts", r.ts().atOffset(ZoneOffset.ofHours(8)).toString());
			m.put("value", numeric(r.value()) ? new BigDecimal(r.value()) : r.value());
			if (r.unit() != null) {
				m.put("unit", r.unit());
			}
			readings.add(m);
		}
		return json.writeValueAsString(Map.of("readings", readings)).getBytes(StandardCharsets.UTF_8);
	}

	private static boolean numeric(String s) {
		return s.matches("-?\\d+(\\.\\d+)?");
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	/** Readings sent (and taken by the broker or answered by HTTP), and how many of them were broken on purpose. */
	long sent() {
		return sent.get();
	}

	long broken() {
		return broken.get();
	}

	List<Simulated> gateways() {
		return gateways;
	}

	@Override
	public synchronized void destroy() {
		running = false;
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		for (Simulated g : gateways) {
			if (g.mqtt != null) {
				g.mqtt.disconnect();
			}
		}
	}
}
