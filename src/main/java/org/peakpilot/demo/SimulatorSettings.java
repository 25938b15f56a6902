package org.peakpilot.demo;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo simulator, {@code peakpilot.demo.simulator.*} (see {@code application.properties} and the README).
 *
 * @param enabled      {@code PEAKPILOT_SIMULATOR}: send the demo meters' readings while the application runs
 * @param mqttUrl      the broker the MQTT gateways publish to (the embedded one unless {@code PEAKPILOT_MQTT_URL})
 * @param topicRoot    readings go to {@code <topicRoot>/readings/<gateway id>}
 * @param backfillDays whole days before today that are sent at the start too (today so far always is)
 * @param speed        {@code PEAKPILOT_SIMULATOR_SPEED}: 0 sends what is due at once; above 1 the simulated clock starts
 *                     at the beginning of the back-fill and runs that many times faster until it reaches the present
 * @param tick         how often the gateways look for readings to send
 */
@ConfigurationProperties("peakpilot.demo.simulator")
record SimulatorSettings(@DefaultValue("false") boolean enabled, @DefaultValue("tcp://127.0.0.1:1884") String mqttUrl,
		@DefaultValue("peakpilot/v1") String topicRoot, @DefaultValue("0") int backfillDays, @DefaultValue("0") double speed,
		@DefaultValue("PT2S") Duration tick) {
}
