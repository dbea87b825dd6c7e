//! A trend chart drawn on the server as SVG: a title and a description for screen readers,
//! each line told apart by its dash pattern, its marker's shape and a label at its end (so
//! colour is never needed), and the same figures in a table beside it.

use domain::evidence::{BroadGroup, TrendPoint};
use leptos::prelude::*;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 300.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 96.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;

/// How a group's line is drawn: dash pattern and marker.
fn style(group: BroadGroup) -> (&'static str, &'static str) {
    match group {
        BroadGroup::Asian => ("", "circle"),
        BroadGroup::Black => ("8 4", "square"),
        BroadGroup::Mixed => ("2 3", "triangle"),
        BroadGroup::Other => ("12 4 2 4", "diamond"),
        BroadGroup::White => ("", "circle"),
    }
}

pub(super) fn marker(shape: &str, x: f64, y: f64) -> String {
    match shape {
        "square" => format!("M{} {}h7v7h-7z", x - 3.5, y - 3.5),
        "triangle" => format!("M{x} {}l4.5 8h-9z", y - 4.5),
        "diamond" => format!("M{x} {}l4.5 4.5l-4.5 4.5l-4.5 -4.5z", y - 4.5),
        _ => format!("M{} {y}a3.5 3.5 0 1 0 7 0a3.5 3.5 0 1 0 -7 0", x - 3.5),
    }
}

/// A round step for the axis: 1, 2 or 5 times a power of ten.
pub(super) fn step(max: f64) -> f64 {
    let raw = max / 5.0;
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| *s >= raw)
        .unwrap_or(power * 10.0)
}

/// The ratio of each group's rate to the White rate, month by month.
#[component]
pub fn TrendChart(points: Vec<TrendPoint>, id: &'static str, title: String) -> impl IntoView {
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let months = points.len().max(1);
    let max = points
        .iter()
        .flat_map(|p| p.ratios.iter())
        .filter_map(|(_, r)| r.as_ref().ok().map(|r| r.ratio))
        .fold(1.0f64, f64::max);
    let step = step(max);
    let top = (max / step).ceil() * step;
    let x = |i: usize| {
        LEFT + if months == 1 {
            (WIDTH - LEFT - RIGHT) / 2.0
        } else {
            i as f64 * (WIDTH - LEFT - RIGHT) / (months - 1) as f64
        }
    };
    let y = |v: f64| TOP + (1.0 - v / top) * (HEIGHT - TOP - BOTTOM);
    let mut ticks = Vec::new();
    let mut v = 0.0;
    while v <= top + step / 2.0 {
        ticks.push(v);
        v += step;
    }
    let description = {
        let first = points.first().map(|p| p.month.long()).unwrap_or_default();
        let last = points.last().map(|p| p.month.long()).unwrap_or_default();
        format!(
            "Line chart of the ratio of each group's search rate to the White rate, by month, from {first} to {last}. A ratio of 1 means the same rate as White people. The table below gives the same figures."
        )
    };
    let lines = BroadGroup::COMPARED
        .iter()
        .map(|&group| {
            let (dash, shape) = style(group);
            let mut path = String::new();
            let mut markers = String::new();
            let mut pen_down = false;
            let mut last_point = None;
            for (i, point) in points.iter().enumerate() {
                let ratio = point
                    .ratios
                    .iter()
                    .find(|(g, _)| *g == group)
                    .and_then(|(_, r)| r.as_ref().ok().map(|r| r.ratio));
                match ratio {
                    Some(r) => {
                        let (px, py) = (x(i), y(r));
                        path.push_str(&format!(
                            "{}{px:.1} {py:.1}",
                            if pen_down { "L" } else { "M" }
                        ));
                        markers.push_str(&marker(shape, px, py));
                        pen_down = true;
                        last_point = Some((px, py));
                    }
                    // A month with no figure breaks the line rather than bridging it.
                    None => pen_down = false,
                }
            }
            let label = last_point.map(|(px, py)| {
                view! {
                    <text x=format!("{:.1}", px + 8.0) y=format!("{:.1}", py + 4.0) class="app-chart__label">{group.label()}</text>
                }
            });
            view! {
                <g class=format!("app-chart__series app-chart__series--{}", group.as_str())>
                    <path d=path class="app-chart__line" stroke-dasharray=dash fill="none"/>
                    <path d=markers class="app-chart__marker"/>
                    {label}
                </g>
            }
        })
        .collect::<Vec<_>>();
    let axis = ticks
        .iter()
        .map(|&t| {
            view! {
                <g class="app-chart__tick">
                    <line x1=LEFT x2=WIDTH - RIGHT y1=y(t) y2=y(t) class=if t == 0.0 { "app-chart__axis" } else { "app-chart__grid" }/>
                    <text x=LEFT - 6.0 y=y(t) + 4.0 text-anchor="end">{format!("{t}")}</text>
                </g>
            }
        })
        .collect::<Vec<_>>();
    let parity = (max >= 1.0).then(|| {
        view! { <line x1=LEFT x2=WIDTH - RIGHT y1=y(1.0) y2=y(1.0) class="app-chart__parity"/> }
    });
    let every = (months / 6).max(1);
    let month_labels = points
        .iter()
        .enumerate()
        // Every `every`th month, and the last if it does not crowd the one before.
        .filter(|(i, _)| i % every == 0 || (*i == months - 1 && i % every > every / 2))
        .map(|(i, p)| {
            let name = p.month.long();
            let short = format!("{} {}", name.get(..3).unwrap_or(&name), p.month.year());
            view! { <text x=x(i) y=HEIGHT - BOTTOM + 18.0 text-anchor="middle">{short}</text> }
        })
        .collect::<Vec<_>>();
    let rows = points
        .iter()
        .map(|p| {
            let cells = BroadGroup::COMPARED
                .iter()
                .map(|&g| {
                    let text = p
                        .ratios
                        .iter()
                        .find(|(group, _)| *group == g)
                        .map(|(_, r)| match r {
                            Ok(r) => format!("{:.2} ({:.2}–{:.2})", r.ratio, r.low, r.high),
                            Err(_) => "Not computable".to_owned(),
                        })
                        .unwrap_or_default();
                    view! { <td data-label=g.label() class="govuk-table__cell govuk-table__cell--numeric">{text}</td> }
                })
                .collect::<Vec<_>>();
            view! {
                <tr class="govuk-table__row">
                    <th scope="row" class="govuk-table__header">{p.month.long()}</th>
                    <td data-label="Searches" class="govuk-table__cell govuk-table__cell--numeric">{p.searches}</td>
                    {cells}
                </tr>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <figure class="app-chart">
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") class="app-chart__svg" role="img" aria-labelledby=labelled_by>
                <title id=title_id>{title.clone()}</title>
                <desc id=desc_id>{description}</desc>
                {axis}
                {parity}
                {month_labels}
                {lines}
            </svg>
            <figcaption class="govuk-body-s">"Each line is a group's search rate divided by the White rate; the line at 1 is parity. Lines differ by dash pattern and marker, and are labelled at their ends."</figcaption>
        </figure>
        <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--s">{format!("{title}: the figures (ratio and 95% interval)")}</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Month"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Searches"</th>
                    {BroadGroup::COMPARED.iter().map(|g| view! {
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">{g.label()}</th>
                    }).collect::<Vec<_>>()}
                </tr>
            </thead>
            <tbody class="govuk-table__body">{rows}</tbody>
        </table>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_steps_are_round() {
        assert_eq!(step(1.0), 0.2);
        assert_eq!(step(3.4), 1.0);
        assert_eq!(step(7.5), 2.0);
        assert_eq!(step(12.0), 5.0);
    }
}
