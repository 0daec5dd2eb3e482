Feature: Keeping photos in the family album
  Every photo a person sends is kept in the album of the family they belong to, and the bot
  says how many photos the album holds.

  Background:
    Given Alice has started the bot

  Scenario: The first photo of an album gets a welcome
    When Alice uploads a photo
    Then Alice receives a message containing "Welcome to your family album! 🎉 This is its first photo."
    And the family album of Alice holds 1 photo

  Scenario: Later photos are counted
    Given Alice has uploaded 1 photo
    When Alice uploads a photo
    Then Alice receives a message containing "Saved! The album has 2 photos."
    And the family album of Alice holds 2 photos

  Scenario: Several photos one after another are all kept
    When Alice uploads 3 photos
    Then Alice receives 3 messages
    And Alice's last message from the bot says "Saved! The album has 3 photos."
    And the family album of Alice holds 3 photos

  Scenario: Counting the photos of a family
    Given Alice has uploaded 2 photos
    And Bob has joined Alice's family
    And Bob has uploaded 1 photo
    When Alice sends "/count"
    Then Alice receives a message containing "The album has 3 photos, added by 2 of the family's 2 members."

  Scenario: Someone who never pressed Start can still send a photo
    When Carol uploads a photo
    Then Carol receives a message containing "Welcome to your family album!"
    And the family album of Carol holds 1 photo
    And Alice receives nothing

  Scenario: The welcome shows the button it tells to tap
    When Carol uploads a photo
    Then Carol receives a message containing "Tap 📷 Photo any time to see one."
    And Carol sees the buttons "📷 Photo" and "👪 Family"

  Scenario: Photos of people in different families stay apart
    Given Bob has started the bot
    When Alice uploads 2 photos
    And Bob uploads a photo
    Then the family album of Alice holds 2 photos
    And the family album of Bob holds 1 photo
