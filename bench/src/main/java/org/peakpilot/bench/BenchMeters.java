package org.peakpilot.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.peakpilot.monitoring.EnergyMonitoring;
import org.peakpilot.monitoring.MeterForm;
import org.peakpilot.monitoring.MeterKind;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.peakpilot.shared.Uscc;

/**
 * Enterprises with 20 electricity meters each (15-minute INTERVAL meters, kWh) and one gateway, registered
 * through the application's entry points, spread over three of Leshan's counties.
 */
final class BenchMeters {

	static final int PER_ENTERPRISE = 20;
	private static final String[] COUNTIES = { "511181", "511111", "511102" };

	/** One enterprise's meters (ids and codes, same order) and its gateway's id and device token. */
	record EnterpriseMeters(long enterpriseId, long[] meterIds, List<String> codes, String token, long gatewayId) {
	}

	private BenchMeters() {
	}

	static List<EnterpriseMeters> register(BenchPlatform platform, int meterCount, Random random) {
		Registry registry = platform.context.getBean(Registry.class);
		EnergyMonitoring monitoring = platform.context.getBean(EnergyMonitoring.class);
		List<EnterpriseMeters> out = new ArrayList<>();
		SystemActor.run("bench", () -> {
			for (int e = 0; e * PER_ENTERPRISE < meterCount; e++) {
				String county = COUNTIES[e % COUNTIES.length];
				RegistryModel.Enterprise ent = registry.register(new RegistryModel.EnterpriseForm(uscc(county, random), "基准测试企业 Bench " + e,
						county, "3011", null, true, BigDecimal.valueOf(60000)));
				long[] ids = new long[Math.min(PER_ENTERPRISE, meterCount - e * PER_ENTERPRISE)];
				List<String> codes = new ArrayList<>();
				for (int m = 0; m < ids.length; m++) {
					String code = "E-" + m;
					ids[m] = monitoring.registerMeter(ent.id(), new MeterForm(code, "进线 " + m, null, "ELECTRICITY", "kWh",
							MeterKind.INTERVAL, BigDecimal.ONE, 15, null, BigDecimal.valueOf(100000), null, true)).id();
					codes.add(code);
				}
				var gateway = monitoring.createGateway(ent.id(), "bench gateway");
				out.add(new EnterpriseMeters(ent.id(), ids, codes, gateway.token(), gateway.gateway().id()));
			}
		});
		return out;
	}

	static String uscc(String county, Random random) {
		String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
		StringBuilder sb = new StringBuilder("91").append(county);
		for (int i = 0; i < 9; i++) {
			sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return sb.append(Uscc.checkCharacter(sb.toString())).toString();
	}
}
