//! A window that keeps its widgets' state (focus, cursor) between updates, as the real runtime
//! does: events go through the widgets first, the keys none took go to the app as its keyboard
//! subscription would send them, and widget operations (focus next/previous) run on the widgets.

use super::{apply, sim};
use iced::keyboard::{self, Key, Modifiers, key};
use iced_test::core::renderer::Headless;
use iced_test::core::widget::operation::Outcome;
use iced_test::core::{Event, Size, clipboard, event, mouse};
use iced_test::renderer::Renderer;
use iced_test::runtime::user_interface::{Cache, UserInterface};
use iced_test::selector::{Selector, Target, is_focused};
use ocop_council::ui::App;
use ocop_council::ui::app::Message;

pub struct Window {
    cache: Option<Cache>,
    renderer: Renderer,
    size: Size,
}

impl Window {
    pub fn new(app: &App) -> Window {
        drop(sim(app)); // loads the fonts
        let renderer = iced_test::futures::futures::executor::block_on(<Renderer as Headless>::new(
            ocop_council::ui::UI_FONT,
            iced::Pixels(16.0),
            None,
        ))
        .expect("a headless renderer");
        Window { cache: Some(Cache::default()), renderer, size: Size::new(1366.0, 740.0) }
    }

    /// A window of another size (the smallest, 800×600, say).
    pub fn with_size(app: &App, width: f32, height: f32) -> Window {
        Window { size: Size::new(width, height), ..Window::new(app) }
    }

    /// A frame is drawn: what the widgets tell after it (a scrollable's new offset) reaches the app.
    pub fn redraw(&mut self, app: &mut App) {
        let frame = Event::Window(iced::window::Event::RedrawRequested(iced_test::core::time::Instant::now()));
        let (messages, _) = self.events(app, &[frame], mouse::Cursor::Unavailable);
        self.run(app, messages);
    }

    /// Turns the mouse wheel by `lines` (down is negative) over `at`, with these modifiers held.
    pub fn wheel(&mut self, app: &mut App, at: iced::Point, modifiers: Modifiers, lines: f32) {
        let events = [
            Event::Keyboard(keyboard::Event::ModifiersChanged(modifiers)),
            Event::Mouse(mouse::Event::WheelScrolled { delta: mouse::ScrollDelta::Lines { x: 0.0, y: lines } }),
            Event::Keyboard(keyboard::Event::ModifiersChanged(Modifiers::empty())),
        ];
        let (messages, _) = self.events(app, &events, mouse::Cursor::Available(at));
        self.run(app, messages);
    }

    /// Where a widget (by id) or a text is on screen, as far as it shows.
    pub fn bounds<S>(&mut self, app: &App, selector: S) -> Option<iced::Rectangle>
    where
        S: Selector + Send,
        S::Output: iced_test::selector::Bounded + Clone + Send,
    {
        use iced_test::selector::Bounded;
        self.find(app, selector).map(|t| t.visible_bounds().unwrap_or(t.bounds()))
    }

    fn ui<'a>(&mut self, app: &'a App) -> UserInterface<'a, Message, iced::Theme, Renderer> {
        let cache = self.cache.take().unwrap_or_default();
        UserInterface::build(app.view(), self.size, cache, &mut self.renderer)
    }

    /// Sends events to the widgets; returns the messages they published and each event's status.
    fn events(&mut self, app: &App, events: &[Event], cursor: mouse::Cursor) -> (Vec<Message>, Vec<event::Status>) {
        let mut ui = self.ui(app);
        let mut messages = Vec::new();
        let (_, statuses) = ui.update(events, cursor, &mut self.renderer, &mut clipboard::Null, &mut messages);
        self.cache = Some(ui.into_cache());
        (messages, statuses)
    }

    /// Presses and releases a key: the widgets first; then the app hears what its keyboard
    /// subscription would (the keys no widget took, and Esc even when a field took it).
    pub fn key(&mut self, app: &mut App, k: Key, modifiers: Modifiers) {
        let text = match &k {
            Key::Character(c) if !modifiers.command() => Some(c.clone()),
            _ => None,
        };
        let pressed = keyboard::Event::KeyPressed {
            modified_key: k.clone(),
            key: k.clone(),
            physical_key: key::Physical::Unidentified(key::NativeCode::Unidentified),
            location: keyboard::Location::Standard,
            modifiers,
            text,
            repeat: false,
        };
        let released = keyboard::Event::KeyReleased {
            modified_key: k.clone(),
            key: k,
            physical_key: key::Physical::Unidentified(key::NativeCode::Unidentified),
            location: keyboard::Location::Standard,
            modifiers,
        };
        let events = [Event::Keyboard(pressed), Event::Keyboard(released)];
        let (mut messages, statuses) = self.events(app, &events, mouse::Cursor::Unavailable);
        // What the app's subscription would hear of each event, by the app's own filter.
        for (e, status) in events.into_iter().zip(statuses) {
            messages.extend(ocop_council::ui::app::heard(e, status, iced::window::Id::unique()));
        }
        self.run(app, messages);
    }

    pub fn tab(&mut self, app: &mut App, back: bool) {
        let modifiers = if back { Modifiers::SHIFT } else { Modifiers::empty() };
        self.key(app, Key::Named(key::Named::Tab), modifiers);
    }

    /// Types text into the focused field.
    pub fn type_text(&mut self, app: &mut App, text: &str) {
        let events: Vec<Event> = iced_test::simulator::typewrite(text).collect();
        let (messages, _) = self.events(app, &events, mouse::Cursor::Unavailable);
        self.run(app, messages);
    }

    /// Clicks the widget with this id.
    pub fn click(&mut self, app: &mut App, id: &str) {
        let target = self.find(app, iced_test::selector::id(id.to_string())).unwrap_or_else(|| panic!("{id}"));
        let at = target.visible_bounds().unwrap_or(target.bounds()).center();
        let cursor = mouse::Cursor::Available(at);
        let events: Vec<Event> = iced_test::simulator::click().collect();
        let (messages, _) = self.events(app, &events, cursor);
        self.run(app, messages);
    }

    fn find<S: Selector + Send>(&mut self, app: &App, selector: S) -> Option<S::Output>
    where
        S::Output: Clone + Send,
    {
        use iced_test::core::widget::Operation;
        let mut ui = self.ui(app);
        let mut operation = selector.find();
        ui.operate(&self.renderer, &mut iced_test::core::widget::operation::black_box(&mut operation));
        self.cache = Some(ui.into_cache());
        match operation.finish() {
            Outcome::Some(found) => found,
            _ => None,
        }
    }

    /// The id of the focused field, if any.
    pub fn focused(&mut self, app: &App) -> Option<String> {
        let target = self.find(app, is_focused())?;
        let id = match target {
            Target::TextInput { id, .. } | Target::Focusable { id, .. } => id,
            _ => None,
        }?;
        Some(format!("{id:?}"))
    }

    /// Runs the messages' tasks to their end: their messages go to the app, their widget
    /// operations to the widgets.
    pub fn run(&mut self, app: &mut App, messages: Vec<Message>) {
        use iced_test::futures::futures::{StreamExt, executor::block_on};
        use iced_test::runtime::Action;
        let mut queue = messages;
        while !queue.is_empty() {
            let mut next = Vec::new();
            for m in queue {
                let task = app.update(m);
                let Some(stream) = iced_test::runtime::task::into_stream(task) else { continue };
                for action in block_on(stream.collect::<Vec<_>>()) {
                    match action {
                        Action::Output(m) => next.push(m),
                        Action::Widget(operation) => self.operate(app, operation),
                        _ => {}
                    }
                }
            }
            queue = next;
        }
        let _ = apply;
    }

    fn operate(&mut self, app: &App, operation: Box<dyn iced_test::core::widget::Operation>) {
        let mut current = Some(operation);
        while let Some(mut operation) = current.take() {
            let mut ui = self.ui(app);
            ui.operate(&self.renderer, operation.as_mut());
            self.cache = Some(ui.into_cache());
            if let Outcome::Chain(next) = operation.finish() {
                current = Some(next);
            }
        }
    }
}
