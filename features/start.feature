Feature: Starting the bot
  A person opens the Family Album bot and presses Start. The bot greets them by their first
  name, gives them an album of their own, and shows the two buttons they will use most.

  Scenario: Alice starts the bot and is greeted
    When Alice starts the bot
    Then Alice receives a message containing "Hi Alice!"
    And Alice sees the buttons "📷 Photo" and "👪 Family"
