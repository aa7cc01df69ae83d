"""The income rules: wage tax, bijstand with vrijlatingen, Wajong and the allowances (toeslagen)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from app.money.engine.model import Parts, Situation, Snapshot, Work
from app.money.engine.rates import Rates

ZERO = Decimal(0)
ONE = Decimal(1)
TWO = Decimal(2)
TWELVE = Decimal(12)
CENT = Decimal("0.01")
ZERO_CENTS = Decimal("0.00")
EURO = Decimal(1)
WEEKS_PER_YEAR = Decimal(52)


# Everything below works on unrounded Decimals; money is rounded only at the output boundary
# (`snapshot` and the cash-flow amounts), so rounding errors never add up across rules.
def cents(amount: Decimal) -> Decimal:
    """Round to cents, half up: the only rounding of money amounts (at the output boundary)."""
    # Positional arguments and the zero shortcut: this runs about a thousand times per request.
    return amount.quantize(CENT, ROUND_HALF_UP) if amount else ZERO_CENTS


# --- Wage tax (SOURCES.md §5): yearly amounts, below AOW age. -------------------------------------


def box1(r: Rates, income: Decimal) -> Decimal:
    if income <= r.box1_upper_1:
        return income * r.box1_rate_1
    if income <= r.box1_upper_2:
        return r.box1_upper_1 * r.box1_rate_1 + (income - r.box1_upper_1) * r.box1_rate_2
    return (
        r.box1_upper_1 * r.box1_rate_1
        + (r.box1_upper_2 - r.box1_upper_1) * r.box1_rate_2
        + (income - r.box1_upper_2) * r.box1_rate_3
    )


def algemene_heffingskorting(r: Rates, income: Decimal) -> Decimal:
    """General tax credit: full up to the phase-out start, nil from `ahk_nil_from`."""
    if income <= r.ahk_phase_out_start:
        return r.ahk_max
    if income >= r.ahk_nil_from:
        return ZERO
    return max(ZERO, r.ahk_max - r.ahk_phase_out_rate * (income - r.ahk_phase_out_start))


def arbeidskorting(r: Rates, labour_income: Decimal) -> Decimal:
    """Employed person's tax credit over yearly labour income (four linear pieces)."""
    if labour_income <= ZERO:
        return ZERO
    if labour_income <= r.ak_knot_1:
        return r.ak_rate_1 * labour_income
    if labour_income <= r.ak_knot_2:
        return r.ak_base_2 + r.ak_rate_2 * (labour_income - r.ak_knot_1)
    if labour_income <= r.ak_knot_3:
        return r.ak_base_3 + r.ak_rate_3 * (labour_income - r.ak_knot_2)
    if labour_income <= r.ak_knot_4:
        return max(ZERO, r.ak_base_4 - r.ak_rate_4 * (labour_income - r.ak_knot_3))
    return ZERO


def income_tax(r: Rates, income: Decimal, labour_income: Decimal, extra_credit: Decimal) -> Decimal:
    """Yearly tax after credits; credits cannot make it negative (they are not paid out here)."""
    return max(
        ZERO,
        box1(r, income)
        - algemene_heffingskorting(r, income)
        - arbeidskorting(r, labour_income)
        - extra_credit,
    )


def net_wage(r: Rates, gross: Decimal, yearly_factor: Decimal) -> Decimal:
    """Monthly net wage excluding holiday pay, by the SOURCES.md §5 method.

    Y = 12 × gross × (1 + holiday pay); net = gross × (1 − tax / Y), which equals
    gross − tax / (12 × (1 + holiday pay)).
    """
    if gross <= ZERO:
        return ZERO
    yearly = gross * yearly_factor
    return gross - income_tax(r, yearly, yearly, ZERO) / yearly_factor


def _bisect(function, target: Decimal, low: Decimal, high: Decimal) -> Decimal:
    """Solve function(x) = target for an increasing function, to well below a cent."""
    for _ in range(60):
        middle = (low + high) / TWO
        if function(middle) < target:
            low = middle
        else:
            high = middle
        if high - low < Decimal("0.0001"):
            break
    return (low + high) / TWO


def gross_up_benefit(r: Rates, yearly_net: Decimal) -> Decimal:
    """Yearly gross of a net benefit (no arbeidskorting), for the toeslagen income test.

    Bijstand norms are net; the fiscal income that zorgtoeslag and huurtoeslag test is the gross.
    """
    if yearly_net <= ZERO:
        return ZERO
    # Below this gross the general credit wipes out all box 1 tax, so gross equals net; above it,
    # within the first bracket and before the credit's phase-out, the inverse is linear.
    no_tax_up_to = r.ahk_max / r.box1_rate_1
    if no_tax_up_to <= r.box1_upper_1 and no_tax_up_to <= r.ahk_phase_out_start:
        if yearly_net <= no_tax_up_to:
            return yearly_net
        gross = (yearly_net - r.ahk_max) / (ONE - r.box1_rate_1)
        if gross <= r.box1_upper_1 and gross <= r.ahk_phase_out_start:
            return gross
    return _bisect(
        lambda g: g - income_tax(r, g, ZERO, ZERO), yearly_net, yearly_net, yearly_net * 3
    )


# --- Household constants ---------------------------------------------------------------------


def kostendelers_share(r: Rates, adults: int) -> Decimal:
    """Kostendelersnorm (cost-sharers' norm, art. 22a Pw) per person as share of the couple norm."""
    return (r.kostendelers_base_rate + adults * r.kostendelers_per_adult_rate) / adults


def bijstand_norm(r: Rates, situation: Situation) -> Decimal:
    """Monthly bijstand norm of the household, excluding vakantietoeslag (0 under 18).

    Assumptions: for a couple `adults_in_home` counts the candidate and the other co-residents but
    not the partner; a partner of an 18-20-year-old is taken to be 21+.
    """
    age = situation.age
    if age < r.bijstand_min_age:
        return ZERO
    youth = age <= r.youth_norm_max_age
    if situation.household == "couple":
        share = kostendelers_share(r, situation.adults_in_home + 1) * r.norm_couple
        # Jongerennorm for the young partner plus the older partner's share of the couple norm.
        return r.norm_youth_single + share if youth else TWO * share
    if youth:
        # Jongerennorm (youth norm) for 18-20: low because parents must still support them.
        return r.norm_youth_single
    if situation.adults_in_home <= 1:
        return r.norm_single
    return kostendelers_share(r, situation.adults_in_home) * r.norm_couple


def hourly_wage(r: Rates, situation: Situation, work: Work) -> Decimal:
    if work.hourly_wage is not None:
        return work.hourly_wage
    if situation.age >= 21:
        return r.wml_hourly
    # Youth minimum wages are published in whole cents, so the table value is rounded here.
    return cents(r.wml_hourly * r.youth_rate(situation.age))


def _band(rent: Decimal, low: Decimal, high: Decimal) -> Decimal:
    return max(ZERO, min(rent, high) - low) if high > low else ZERO


@dataclass(frozen=True, slots=True)
class Context:
    """What stays the same for every number of hours in one calculation.

    Computed once (norm, partner income, rent bands, toeslagen constants) so that a sweep over
    81 numbers of hours repeats only what depends on the wage.
    """

    rates: Rates
    situation: Situation
    hourly: Decimal
    yearly_factor: Decimal
    benefit: str
    norm: Decimal
    household_norm: Decimal
    with_partner: bool
    partner_net: Decimal
    partner_yearly_gross: Decimal
    full_exemptions: bool
    volunteer_max: Decimal
    wajong_minimum_wage: Decimal
    toeslagen_adult: bool
    zt_limit: Decimal
    zt_premium: Decimal
    zt_normpremie_base: Decimal
    rent_subsidy: Decimal | None
    rent_threshold: Decimal
    kgb_children: int
    kgb_year: Decimal
    scheme_limit: Decimal


def build_context(r: Rates, situation: Situation, work: Work) -> Context:
    yearly_factor = TWELVE * (ONE + r.holiday_pay_rate)
    household_norm = bijstand_norm(r, situation)
    with_partner = situation.household == "couple"
    partner_net = situation.partner_net_income if with_partner else ZERO
    partner_gross = ZERO
    if partner_net > ZERO:
        # The partner's net income is taken to be a wage; its gross counts for the toeslagen.
        monthly_gross = _bisect(
            lambda g: net_wage(r, g, yearly_factor), partner_net, partner_net, partner_net * 3
        )
        partner_gross = monthly_gross * yearly_factor

    wajong_minimum_wage = ZERO
    if situation.benefit == "wajong" and situation.age >= r.wajong_min_age:
        # Wajong is based on the minimum (youth) wage for the person's age.
        wajong_minimum_wage = r.wml_month_36h * r.youth_rate(situation.age)

    rent_subsidy = None
    multi_person = with_partner or (
        situation.household == "single_parent" and bool(situation.children_ages)
    )
    if situation.rent is not None:
        rent_subsidy = ZERO
        if situation.age >= r.ht_min_age:
            max_rent = (
                r.ht_max_rent if situation.age >= r.ht_full_rent_min_age else r.ht_max_rent_young
            )
            rent = min(situation.rent, max_rent)
            basishuur = r.ht_basishuur_multi if multi_person else r.ht_basishuur_single
            kkg, aft = r.ht_kwaliteitskortingsgrens, r.ht_aftoppingsgrens
            rent_subsidy = (
                r.ht_band_1_rate * _band(rent, basishuur, kkg)
                + r.ht_band_2_rate * _band(rent, max(basishuur, kkg), aft)
                + r.ht_band_3_rate * _band(rent, max(basishuur, aft), max_rent)
            )
    kgb_children = 0
    if situation.household == "single_parent":
        kgb_children = sum(1 for age in situation.children_ages if age < r.kgb_child_under_age)
    if with_partner:
        zt_limit, zt_premium = r.zt_income_limit_partner, r.zt_standaardpremie * TWO
        zt_normpremie_base = r.zt_normpremie_partner_rate * r.zt_drempelinkomen
    else:
        zt_limit, zt_premium = r.zt_income_limit_single, r.zt_standaardpremie
        zt_normpremie_base = r.zt_normpremie_single_rate * r.zt_drempelinkomen

    return Context(
        rates=r,
        situation=situation,
        hourly=hourly_wage(r, situation, work),
        yearly_factor=yearly_factor,
        benefit=situation.benefit,
        norm=household_norm if situation.benefit == "bijstand" else ZERO,
        household_norm=household_norm,
        with_partner=with_partner,
        partner_net=partner_net,
        partner_yearly_gross=partner_gross,
        full_exemptions=situation.age >= r.adult_exemptions_min_age,
        volunteer_max=r.volunteer_max_month,
        wajong_minimum_wage=wajong_minimum_wage,
        toeslagen_adult=situation.age >= r.zt_min_age,
        zt_limit=zt_limit,
        zt_premium=zt_premium,
        zt_normpremie_base=zt_normpremie_base,
        rent_subsidy=rent_subsidy,
        rent_threshold=(
            r.ht_income_threshold_multi if multi_person else r.ht_income_threshold_single
        ),
        kgb_children=kgb_children,
        kgb_year=kgb_children * r.kgb_per_child + r.kgb_single_parent_supplement,
        scheme_limit=r.scheme_income_limit_rate * household_norm,
    )


def exemption_caps(ctx: Context, month: int, work: Work) -> tuple[tuple[Decimal, Decimal], ...]:
    """The vrijlatingen (earnings exemptions) open in work month `month`, as (rate, monthly max).

    Only one applies at a time; the engine gives the most favourable of those open.
    """
    r, situation = ctx.rates, ctx.situation
    caps = []
    medical = situation.medical_hours_limit
    if month <= r.general_months and (ctx.full_exemptions or medical):
        caps.append((r.general_rate, r.general_max))
    young_child = any(age < r.single_parent_child_under_age for age in situation.children_ages)
    if (
        situation.household == "single_parent"
        and young_child
        and r.general_months < month <= r.general_months + r.single_parent_months
    ):
        caps.append((r.single_parent_rate, r.single_parent_max))
    if medical:
        caps.append((r.medical_rate, r.medical_max))
    if work.wage_subsidy:
        caps.append((r.wage_subsidy_rate, r.wage_subsidy_max))
    return tuple(caps)


def volunteer_counted(ctx: Context, allowance: Decimal) -> Decimal:
    """The part of a volunteer allowance bijstand counts: above the max at 27+, all under 27."""
    if ctx.full_exemptions:
        return max(ZERO, allowance - ctx.volunteer_max)
    return allowance


@dataclass(frozen=True, slots=True)
class Raw:
    """Unrounded monthly amounts at one wage; `*_holiday` are the holiday-pay reserves."""

    net_wage: Decimal
    benefit: Decimal
    zorgtoeslag: Decimal
    huurtoeslag: Decimal | None
    kindgebonden_budget: Decimal
    volunteer_allowance: Decimal
    partner_income: Decimal
    municipal_scheme: Decimal
    wage_holiday: Decimal
    benefit_holiday: Decimal
    vrijlating: Decimal
    yearly_income: Decimal


def evaluate(
    ctx: Context,
    gross: Decimal,
    caps: tuple[tuple[Decimal, Decimal], ...],
    allowance: Decimal,
) -> Raw:
    """All monthly income at a gross monthly wage, with the given exemptions and allowance."""
    r = ctx.rates
    yf = ctx.yearly_factor
    benefit = ZERO
    benefit_holiday = ZERO
    vrijlating = ZERO
    if ctx.benefit == "wajong":
        # Wajong: 70% of (minimumloon − wage), gross; taxed together with the wage, with the
        # jonggehandicaptenkorting (tax credit for young disabled people).
        benefit_gross = max(ZERO, ctx.wajong_minimum_wage * r.wajong_rate - gross * r.wajong_rate)
        labour = gross * yf
        jgk = r.jonggehandicaptenkorting
        # The net wage is what the pay slip shows (the wage taxed on its own); the benefit part
        # is what the Wajong adds to the net total once both are taxed together.
        wage = gross - income_tax(r, labour, labour, jgk) / yf if gross > ZERO else ZERO
        if benefit_gross > ZERO:
            combined = gross + benefit_gross
            total_net = combined - income_tax(r, combined * yf, labour, jgk) / yf
            benefit = total_net - wage
        benefit_holiday = benefit * r.holiday_pay_rate
        yearly_income = (gross + benefit_gross) * yf
    else:
        wage = net_wage(r, gross, yf)
        yearly_income = gross * yf
        if ctx.benefit == "bijstand" and ctx.norm > ZERO:
            for rate, cap in caps:
                vrijlating = max(vrijlating, min(wage * rate, cap))
            counted_wage = wage - vrijlating
            counted = counted_wage + volunteer_counted(ctx, allowance) + ctx.partner_net
            benefit = max(ZERO, ctx.norm - counted)
            if benefit > ZERO:
                # The 5% vakantietoeslag is part of the norm; the job's own holiday pay is offset
                # against it (norm incl. VT − income incl. holiday pay, split over the months).
                benefit_holiday = max(
                    ZERO,
                    ctx.norm * r.vakantietoeslag_rate - counted_wage * r.holiday_pay_rate,
                )
                yearly_benefit = benefit * TWELVE * (ONE + r.vakantietoeslag_rate)
                if ctx.with_partner:
                    # A couple's bijstand is paid half to each partner, each with their own credit.
                    yearly_income += TWO * gross_up_benefit(r, yearly_benefit / TWO)
                else:
                    yearly_income += gross_up_benefit(r, yearly_benefit)
    household_income = yearly_income + ctx.partner_yearly_gross

    zorgtoeslag = ZERO
    if ctx.toeslagen_adult and household_income <= ctx.zt_limit:
        normpremie = ctx.zt_normpremie_base
        if household_income > r.zt_drempelinkomen:
            normpremie += r.zt_income_rate * (household_income - r.zt_drempelinkomen)
        # The yearly amount is rounded to whole euros, the monthly advance rounded down.
        year = (ctx.zt_premium - normpremie).quantize(EURO, ROUND_HALF_UP)
        if year > ZERO:
            zorgtoeslag = (year / TWELVE).quantize(EURO, ROUND_FLOOR)

    huurtoeslag = None
    if ctx.rent_subsidy is not None:
        reduction = r.ht_income_reduction_rate * max(ZERO, household_income - ctx.rent_threshold)
        huurtoeslag = max(ZERO, ctx.rent_subsidy - reduction / TWELVE)

    kgb = ZERO
    if ctx.kgb_children:
        year = ctx.kgb_year - r.kgb_reduction_rate * max(
            ZERO, household_income - r.kgb_income_threshold_single
        )
        kgb = max(ZERO, year) / TWELVE

    scheme = ZERO
    if r.scheme_monthly_amount > ZERO and ctx.household_norm > ZERO:
        if wage + benefit + ctx.partner_net <= ctx.scheme_limit:
            scheme = r.scheme_monthly_amount

    return Raw(
        net_wage=wage,
        benefit=benefit,
        zorgtoeslag=zorgtoeslag,
        huurtoeslag=huurtoeslag,
        kindgebonden_budget=kgb,
        volunteer_allowance=allowance,
        partner_income=ctx.partner_net,
        municipal_scheme=scheme,
        wage_holiday=wage * r.holiday_pay_rate,
        benefit_holiday=benefit_holiday,
        vrijlating=vrijlating,
        yearly_income=household_income,
    )


def gross_for_hours(ctx: Context, hours: Decimal) -> Decimal:
    """Monthly gross wage: hourly × hours a week × 52 / 12 (divided last, so cents stay exact)."""
    return ctx.hourly * hours * WEEKS_PER_YEAR / TWELVE


def snapshot(hours: Decimal, raw: Raw) -> Snapshot:
    """Round each part and the total to cents.

    The total is rounded from the unrounded sum, so it never moves against the hours because of
    rounding; it can differ from the sum of the rounded parts by a cent.
    """
    huurtoeslag = raw.huurtoeslag
    total = (
        raw.net_wage
        + raw.benefit
        + raw.zorgtoeslag
        + (huurtoeslag or ZERO)
        + raw.kindgebonden_budget
        + raw.volunteer_allowance
        + raw.partner_income
        + raw.municipal_scheme
    )
    parts = Parts(
        net_wage=cents(raw.net_wage),
        benefit=cents(raw.benefit),
        zorgtoeslag=cents(raw.zorgtoeslag),
        huurtoeslag=None if huurtoeslag is None else cents(huurtoeslag),
        kindgebonden_budget=cents(raw.kindgebonden_budget),
        volunteer_allowance=cents(raw.volunteer_allowance),
        partner_income=cents(raw.partner_income),
        municipal_scheme=cents(raw.municipal_scheme),
    )
    return Snapshot(hours=hours, total=cents(total), parts=parts)
