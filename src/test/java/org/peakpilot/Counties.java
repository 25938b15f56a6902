package org.peakpilot;

/**
 * The administrative division codes of Leshan used by tests (GB/T 2260, as in
 * {@code src/main/resources/plans/leshan/divisions.csv}), named for the county, district or county-level city.
 */
public final class Counties {

	/** 乐山市, the prefecture-level city itself. */
	public static final String LESHAN = "511100";
	/** 市中区 */
	public static final String SHIZHONG = "511102";
	/** 沙湾区 */
	public static final String SHAWAN = "511111";
	/** 五通桥区 */
	public static final String WUTONGQIAO = "511112";
	/** 金口河区 */
	public static final String JINKOUHE = "511113";
	/** 犍为县 */
	public static final String QIANWEI = "511123";
	/** 井研县 */
	public static final String JINGYAN = "511124";
	/** 夹江县 */
	public static final String JIAJIANG = "511126";
	/** 沐川县 */
	public static final String MUCHUAN = "511129";
	/** 峨边彝族自治县 */
	public static final String EBIAN = "511132";
	/** 马边彝族自治县 */
	public static final String MABIAN = "511133";
	/** 峨眉山市 */
	public static final String EMEISHAN = "511181";

	private Counties() {
	}
}
