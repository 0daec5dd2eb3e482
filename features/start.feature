Feature: Starting the bot
  A person opens the Family Album bot and presses Start. The bot greets them by their first
  name, gives them an album of their own, and shows the two buttons they will use most.

  Scenario: Alice starts the bot and is greeted
    When Alice starts the bot
    Then Alice receives a message containing "Hi Alice!"
    And Alice sees the buttons "📷 Photo" and "👪 Family"

  Scenario: A new person gets an empty album of their own
    Given Alice has started the bot
    When Alice sends "/count"
    Then Alice receives a message containing "The album has no photos yet. The family has 1 member."

  Scenario: Someone who comes back is welcomed back
    Given Alice has started the bot
    When Alice starts the bot again
    Then Alice receives a message containing "Welcome back, Alice!"
    And Alice sees the buttons "📷 Photo" and "👪 Family"

  Scenario: Help explains what the bot does
    Given Alice has started the bot
    When Alice sends "/help"
    Then Alice receives a message containing "Send me a photo and I will keep it in your family album."
    And Alice receives a message containing "/invite — a link to invite someone"

  Scenario: Each person is greeted by their own name
    When Alice and Bob start the bot
    Then Alice receives a message containing "Hi Alice!"
    And Bob receives a message containing "Hi Bob!"
    And Alice receives 1 message

  Scenario: Anyone can take part, also someone without a name of their own
    When user A starts the bot
    Then user A receives a message containing "Hi User A!"
