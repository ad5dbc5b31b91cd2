//! The prompt-history benchmark: OpenAI-style chat logs in JSON Lines, one
//! conversation a line (`id`, `created`, `model`, `messages[]` with `role`
//! and `content` — a string, or a list of `{"type":"text","text":…}` parts —
//! and `usage`). Russian throughout: a system prompt, short user turns (about
//! one in four carries personal data: a name, phone, e-mail, ИНН, card or
//! address) and long assistant answers (paragraphs, lists, code with escaped
//! line breaks, versions, dates and amounts) that carry none, as in the logs of
//! an LLM API reseller. Deterministic (fixed seed).

use std::io::Write;

use crate::rng::Rng;

use obezlik_detect::checksum::{inn10_control, luhn_control};

/// A random element of `items`.
fn pick<'a>(r: &mut Rng, items: &[&'a str]) -> &'a str {
    items[r.below(items.len() as u64) as usize]
}

const SYSTEM: &[&str] = &[
    "Ты — вежливый ассистент службы поддержки интернет-магазина. Отвечай кратко и по делу.",
    "Ты помогаешь разработчикам: объясняй код, предлагай исправления, приводи примеры.",
    "Ты — юридический помощник. Не давай гарантий, ссылайся на нормы закона.",
    "Отвечай на русском языке. Если вопрос неясен, задай уточняющий вопрос.",
    "Ты — ассистент банка. Никогда не проси полный номер карты и код из СМС.",
];

const QUESTIONS: &[&str] = &[
    "Как в Python отсортировать словарь по значению и оставить только первые 10 элементов?",
    "Почему мой запрос к API возвращает 429, хотя лимит 300 запросов в минуту?",
    "Составь, пожалуйста, письмо клиенту о переносе сроков поставки на две недели.",
    "Объясни разницу между TCP и UDP простыми словами.",
    "Какие налоги платит самозанятый при доходе 2,4 млн рублей в год?",
    "Напиши SQL-запрос, который считает выручку по месяцам за 2024 год.",
    "Как настроить nginx, чтобы он отдавал статику из /var/www/static с кэшем на 7 дней?",
    "Переведи на английский: «Спасибо за ваш заказ, он будет доставлен в течение трёх дней».",
    "Сколько дней отпуска положено при пятидневке, если я отработал 8 месяцев?",
    "Помоги исправить ошибку: TypeError: cannot read properties of undefined (reading 'map').",
];

const PII_QUESTIONS: &[&str] = &[
    "Здравствуйте, меня зовут {name}. Мой телефон {phone}, перезвоните, пожалуйста, по заказу № {order}.",
    "Заказ так и не пришёл, хотя оплачен картой {card}. Почта для связи: {email}.",
    "Проверь реквизиты: ООО «Вектор», ИНН {inn}, контактное лицо {name}, тел. {phone}.",
    "Составь доверенность от имени {name} на получение посылки по адресу {address}.",
    "Напиши претензию продавцу. Я {name}, e-mail {email}, адрес доставки: {address}.",
];

const NAMES: &[&str] = &[
    "Иванов Сергей Петрович",
    "Смирнова Анна Викторовна",
    "Кузнецов Дмитрий Алексеевич",
    "Попова Екатерина Игоревна",
    "Соколов Артём Владимирович",
    "Лебедева Мария Сергеевна",
];

const ADDRESSES: &[&str] = &[
    "г. Москва, ул. Тверская, д. 12, кв. 45",
    "197022, Санкт-Петербург, Каменноостровский пр., д. 40, кв. 7",
    "г. Казань, ул. Баумана, д. 5, кв. 18",
];

const SENTENCES: &[&str] = &[
    "Это можно сделать несколькими способами, и у каждого есть свои плюсы и минусы.",
    "Самый простой вариант — воспользоваться встроенной функцией sorted с параметром key.",
    "Обратите внимание, что начиная с версии 3.7 словари сохраняют порядок вставки.",
    "Если данных много, лучше обрабатывать их потоково, а не загружать целиком в память.",
    "Ограничение скорости обычно считается по скользящему окну, а не по календарной минуте.",
    "Проверьте заголовки Retry-After и X-RateLimit-Remaining в ответе сервера.",
    "В письме важно сохранить вежливый тон и предложить клиенту компенсацию.",
    "По закону работник получает 28 календарных дней оплачиваемого отпуска в год.",
    "Налог на профессиональный доход составляет 4 % с доходов от физических лиц и 6 % от юридических.",
    "Лимит дохода для самозанятых — 2,4 млн рублей в календарном году.",
    "Кэширование статики уменьшает нагрузку на сервер и ускоряет загрузку страниц.",
    "Протокол TCP гарантирует доставку и порядок пакетов, а UDP — нет, зато он быстрее.",
    "Ошибка возникает, когда переменная ещё не получила значение к моменту вызова map.",
    "Добавьте проверку на пустое значение или задайте массив по умолчанию.",
    "Для отчёта по месяцам удобно использовать date_trunc и группировку.",
    "Сроки доставки зависят от региона и обычно составляют от 2 до 5 рабочих дней.",
];

const CODE: &[&str] = &[
    "```python\\ntop = dict(sorted(d.items(), key=lambda kv: kv[1], reverse=True)[:10])\\nprint(top)\\n```",
    "```sql\\nSELECT date_trunc('month', created_at) AS m, sum(amount)\\nFROM orders\\nWHERE created_at >= '2024-01-01'\\nGROUP BY 1 ORDER BY 1;\\n```",
    "```nginx\\nlocation /static/ {\\n    root /var/www;\\n    expires 7d;\\n}\\n```",
    "```js\\nconst items = (data?.items ?? []).map((x) => x.id);\\n```",
];

fn phone(r: &mut Rng) -> String {
    format!(
        "+7 (9{:02}) {:03}-{:02}-{:02}",
        r.below(100),
        r.below(1000),
        r.below(100),
        r.below(100)
    )
}

fn digits(r: &mut Rng, n: usize, first: u8) -> Vec<u8> {
    let mut d: Vec<u8> = (0..n).map(|_| r.below(10) as u8).collect();
    d[0] = first;
    d
}

fn text(d: &[u8]) -> String {
    d.iter().map(|x| (b'0' + x) as char).collect()
}

fn user_turn(r: &mut Rng) -> String {
    if r.below(4) != 0 {
        return pick(r, QUESTIONS).to_string();
    }
    let mut inn = digits(r, 9, 7);
    inn.push(inn10_control(&inn));
    let mut card = digits(r, 15, 4);
    card.push(luhn_control(&card));
    pick(r, PII_QUESTIONS)
        .replace("{name}", pick(r, NAMES))
        .replace("{phone}", &phone(r))
        .replace("{order}", &format!("{}", 100_000 + r.below(900_000)))
        .replace("{card}", &text(&card))
        .replace("{email}", &format!("client{}@yandex.ru", r.below(100_000)))
        .replace("{inn}", &text(&inn))
        .replace("{address}", pick(r, ADDRESSES))
}

fn assistant_turn(r: &mut Rng) -> String {
    let mut s = String::new();
    for p in 0..2 + r.below(5) {
        if p > 0 {
            s.push_str("\\n\\n");
        }
        if r.below(4) == 0 {
            for k in 1..=3 {
                s.push_str(&format!("{k}. {}\\n", pick(r, SENTENCES)));
            }
        } else if r.below(5) == 0 {
            s.push_str(pick(r, CODE));
        } else {
            for k in 0..3 + r.below(4) {
                if k > 0 {
                    s.push(' ');
                }
                s.push_str(pick(r, SENTENCES));
            }
        }
    }
    s
}

/// Writes about `target` bytes of chat log to `w`; returns the bytes written.
pub fn write_chat(w: &mut impl Write, target: u64) -> std::io::Result<u64> {
    let mut r = Rng(0xD1B5_4A32_D192_ED03);
    let mut written = 0u64;
    let models = [
        "gpt-4o-mini",
        "gpt-4o",
        "claude-3-5-sonnet",
        "yandexgpt-lite",
    ];
    while written < target {
        let mut msgs = format!(
            "{{\"role\":\"system\",\"content\":\"{}\"}}",
            pick(&mut r, SYSTEM)
        );
        for _ in 0..1 + r.below(3) {
            let user = user_turn(&mut r);
            if r.below(5) == 0 {
                // The content-parts form of multimodal APIs.
                msgs.push_str(&format!(
                    ",{{\"role\":\"user\",\"content\":[{{\"type\":\"text\",\"text\":\"{user}\"}}]}}"
                ));
            } else {
                msgs.push_str(&format!(",{{\"role\":\"user\",\"content\":\"{user}\"}}"));
            }
            msgs.push_str(&format!(
                ",{{\"role\":\"assistant\",\"content\":\"{}\"}}",
                assistant_turn(&mut r)
            ));
        }
        let line = format!(
            "{{\"id\":\"chatcmpl-{:016x}\",\"created\":{},\"model\":\"{}\",\"messages\":[{msgs}],\"usage\":{{\"prompt_tokens\":{},\"completion_tokens\":{}}}}}\n",
            r.next(),
            1_700_000_000 + r.below(60_000_000),
            models[r.below(4) as usize],
            20 + r.below(800),
            50 + r.below(1500),
        );
        w.write_all(line.as_bytes())?;
        written += line.len() as u64;
    }
    Ok(written)
}
