package org.peakpilot;

import java.util.Set;

import org.peakpilot.platform.Role;
import org.peakpilot.registry.RegistryModel;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.jayway.jsonpath.JsonPath;

import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Test data builder: an enterprise with its user and a gateway's device token, registering meters and sending readings over HTTP. */
final class MeteredEnterprise {

	final RegistryModel.Enterprise enterprise;
	final String user;
	private final String token;
	private final MockMvc mvc;

	MeteredEnterprise(MockMvc mvc, Fixtures fixtures, String countyCode) throws Exception {
		this(mvc, fixtures, fixtures.enterprise(countyCode, "3011", null));
	}

	/** An enterprise the test registered itself (in a park, say), with its user and gateway. */
	MeteredEnterprise(MockMvc mvc, Fixtures fixtures, RegistryModel.Enterprise enterprise) throws Exception {
		this.mvc = mvc;
		this.enterprise = enterprise;
		this.user = fixtures.user(Role.ENTERPRISE_USER, null, null, enterprise.id(), Set.of());
		this.token = JsonPath.read(mvc.perform(post("/api/v1/monitoring/enterprises/" + enterprise.id() + "/gateways").with(basic(user))
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"1# 网关\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.token");
	}

	long id() {
		return enterprise.id();
	}

	/** Registers a meter from its JSON form; returns its id. */
	long meter(String json) throws Exception {
		return ((Number) JsonPath.read(mvc.perform(post("/api/v1/monitoring/enterprises/" + enterprise.id() + "/meters").with(basic(user))
			.contentType(MediaType.APPLICATION_JSON).content(json)).andExpect(status().isCreated()).andReturn().getResponse()
			.getContentAsString(), "$.id")).longValue();
	}

	/** An INTERVAL meter of this energy and unit with its range per interval (and product). */
	long intervalMeter(String code, String energy, String unit, int minutes, long maxPerInterval, String productCode) throws Exception {
		return meter("""
				{"code": "%s", "name": "计量点 %s", "energyCode": "%s", "unit": "%s", "kind": "INTERVAL", "intervalMinutes": %d,
				 "maxPerInterval": %d, "productCode": %s}""".formatted(code, code, energy, unit, minutes, maxPerInterval,
				productCode == null ? "null" : "\"" + productCode + "\""));
	}

	void alarmRule(long meterId, String json) throws Exception {
		mvc.perform(put("/api/v1/monitoring/meters/" + meterId + "/alarm-rule").with(basic(user)).contentType(MediaType.APPLICATION_JSON)
			.content(json)).andExpect(status().isOk());
	}

	RequestPostProcessor device() {
		return r -> {
			r.addHeader("Authorization", "Bearer " + token);
			return r;
		};
	}

	/** Sends readings as meter,ts,value lines over CSV; asserts that every one was stored. */
	void send(String... lines) throws Exception {
		String csv = "meter,ts,value\n" + String.join("\n", lines) + "\n";
		String answer = mvc.perform(post("/api/v1/monitoring/readings").with(device()).contentType("text/csv").content(csv))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		Integer stored = JsonPath.read(answer, "$.stored");
		if (stored != lines.length) {
			throw new AssertionError("not every reading was stored: " + answer);
		}
	}
}
