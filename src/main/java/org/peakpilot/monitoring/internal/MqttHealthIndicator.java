package org.peakpilot.monitoring.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code mqtt}, part of the readiness group only (docs/deploy.md "Probes"): DOWN until every
 * subscriber of this instance ({@link MqttSettings#subscriberIds()}) has connected to the broker, read from
 * {@link MqttIngest}'s gauge {@code peakpilot.monitoring.mqtt.connected}, so that a load balancer sends no traffic
 * to an instance whose share of the MQTT stream is not yet being taken. Once they have, it stays UP: a broker
 * that goes away later takes no instance out of the balancer (pages and HTTP ingest still work, and the subscribers
 * reconnect by themselves; the gauge shows it to Prometheus). Never part of liveness: a restart does not bring a
 * broker back. UP when MQTT ingest is switched off. Detail {@code backingOff}: subscribers reconnecting with a growing
 * pause because their connections keep ending shortly after being made (gauge {@code peakpilot.monitoring.mqtt.backing-off};
 * most likely another client with the same client id, docs/deploy.md "The MQTT broker"); it does not change the status.
 */
@Component
class MqttHealthIndicator implements HealthIndicator {

	private final MeterRegistry metrics;
	private final MqttSettings settings;
	private final boolean enabled;
	private final AtomicBoolean reached = new AtomicBoolean();

	MqttHealthIndicator(MeterRegistry metrics, MqttSettings settings, Environment environment) {
		this.metrics = metrics;
		this.settings = settings;
		this.enabled = environment.getProperty("peakpilot.monitoring.mqtt.enabled", Boolean.class, true);
	}

	@Override
	public Health health() {
		if (!enabled) {
			return Health.up().withDetail("ingest", "disabled").build();
		}
		int expected = settings.subscriberIds().size();
		Gauge gauge = metrics.find("peakpilot.monitoring.mqtt.connected").gauge();
		long connected = gauge == null ? 0 : Math.round(gauge.value());
		if (connected >= expected) {
			reached.set(true);
		}
		Gauge flapping = metrics.find("peakpilot.monitoring.mqtt.backing-off").gauge();
		Health.Builder health = reached.get() ? Health.up() : Health.down();
		return health.withDetail("connected", connected).withDetail("subscribers", expected)
			.withDetail("backingOff", flapping == null ? 0 : Math.round(flapping.value())).build();
	}
}
