Feature: Anything else gets a hint
  Whatever the bot does not understand gets a short hint of what it does, and nothing is kept.

  Background:
    Given Alice has started the bot

  Scenario: Plain text
    When Alice sends "hello, is anyone there?"
    Then Alice receives a message containing "Send me a photo and I will keep it in your family album."

  Scenario: The hint shows the buttons it tells to tap
    When Carol sends "hello"
    Then Carol receives a message containing "Tap 📷 Photo to get one back, 👪 Family to see who is in it"
    And Carol sees the buttons "📷 Photo" and "👪 Family"

  Scenario: An unknown command
    When Alice sends "/dance"
    Then Alice receives a message containing "Send me a photo and I will keep it in your family album."

  Scenario: A document
    When Alice sends the file "recipe.txt"
    Then Alice receives a message containing "Send me a photo and I will keep it in your family album."
    And the family album of Alice holds 0 photos

  Scenario: An image sent as a file
    When Alice sends the photo "beach.png" as a file
    Then Alice receives a message containing "That image came as a file. Please send it as a photo"
    And Alice receives no message containing "Saved!"
    And the family album of Alice holds 0 photos

  Scenario: A voice message
    When Alice sends a voice message
    Then Alice receives a message containing "Send me a photo and I will keep it in your family album."
    And the family album of Alice holds 0 photos

  Scenario: A sticker
    When Alice sends a sticker
    Then Alice receives a message containing "Send me a photo and I will keep it in your family album."
    And the family album of Alice holds 0 photos
